using System.Collections.Concurrent;
using System.Reflection;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// A parameter's name and aliases: the column spellings that bind to it from a CSV row, as a missing-column
    /// error lists them. Read once per cmdlet type from the attributes PowerShell itself binds by.
    /// </summary>
    internal static class ParameterSpellings
    {
        private static readonly ConcurrentDictionary<(Type, string), IReadOnlyList<string>> Cache =
            new ConcurrentDictionary<(Type, string), IReadOnlyList<string>>();

        public static IReadOnlyList<string> Of(Type cmdlet, string parameter) =>
            Cache.GetOrAdd((cmdlet, parameter), key =>
            {
                List<string> names = new List<string> { key.Item2 };
                PropertyInfo? property = key.Item1.GetProperty(key.Item2);
                AliasAttribute? aliases = property?.GetCustomAttribute<AliasAttribute>();
                if (aliases != null)
                {
                    names.AddRange(aliases.AliasNames);
                }

                return names;
            });
    }
}
