namespace AppStoreJws.Completion
{
    /// <summary>The part of a value typed so far, without the quote a user may have opened it with.</summary>
    internal static class TypedWord
    {
        internal static string Unquoted(string? wordToComplete) => (wordToComplete ?? string.Empty).Trim('\'', '"');
    }
}
