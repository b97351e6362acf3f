namespace AppStoreJws.Commands
{
    /// <summary>The items of Get Image List and Get Message List, one object each, typed for their table views.</summary>
    internal static class RetentionLists
    {
        public const string ImageTypeName = "AppStoreJws.ServerApi.RetentionImage";

        public const string MessageTypeName = "AppStoreJws.ServerApi.RetentionMessage";

        /// <summary>Each item of the answer's <paramref name="member"/> array (absent: none), with <paramref name="typeName"/> first among its type names.</summary>
        public static IEnumerable<PSObject> Items(object? answer, string member, string typeName)
        {
            object? items = (answer as PSObject)?.Properties[member]?.Value;
            if (!(items is object?[] array))
            {
                yield break;
            }

            foreach (object? item in array)
            {
                if (item is PSObject entry)
                {
                    entry.TypeNames.Insert(0, typeName);
                    yield return entry;
                }
            }
        }
    }
}
