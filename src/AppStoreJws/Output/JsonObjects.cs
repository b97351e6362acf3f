using System.Collections;
using AppStoreJws.Verification;

namespace AppStoreJws.Output
{
    /// <summary>
    /// The one way plain JSON values (as the core reads them) become what PowerShell users receive, like ConvertFrom-Json
    /// gives: objects as PSCustomObjects in the order read, arrays as object[], times (Apple's *Date members, converted in
    /// the core) as DateTimeOffset whose text is ISO 8601 in UTC, decoded signed data as its typed object.
    /// </summary>
    internal static class JsonObjects
    {
        public static object? ToPowerShell(object? value)
        {
            switch (value)
            {
                case SignedDataPayload nested:
                    return SignedDataObjects.ToPSObject(nested);
                case DateTimeOffset time:
                    // Still the DateTimeOffset (comparisons, methods, -is), but written by Export-Csv as ISO 8601 in UTC, like token times.
                    return new IsoTimeObject(time);
                case IDictionary members:
                    return FromDictionary(members);
                case IList items when !(value is string):
                    object?[] converted = new object?[items.Count];
                    for (int i = 0; i < items.Count; i++)
                    {
                        converted[i] = ToPowerShell(items[i]);
                    }

                    return converted;
                default:
                    return value;
            }
        }

        public static PSObject FromDictionary(IDictionary members)
        {
            PSObject result = new PSObject();
            foreach (DictionaryEntry member in members)
            {
                result.Properties.Add(new PSNoteProperty((string)member.Key, ToPowerShell(member.Value)));
            }

            return result;
        }
    }
}
