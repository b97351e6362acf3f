using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// A parameter's name and aliases: the column spellings that bind to it from a CSV row, as a missing-column
    /// error lists them. Read once per cmdlet type from the attributes PowerShell itself binds by. Headers people
    /// write ("Offer ID", "product-id", "TRANSACTION_ID") are matched loosely: ignoring case, spaces, underscores and hyphens.
    /// </summary>
    internal static class ParameterSpellings
    {
        private static readonly ConcurrentDictionary<(Type, string), IReadOnlyList<string>> Cache =
            new ConcurrentDictionary<(Type, string), IReadOnlyList<string>>();

        private static readonly ConcurrentDictionary<(Type, string), HashSet<string>> LooseCache =
            new ConcurrentDictionary<(Type, string), HashSet<string>>();

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

        /// <summary>The row's property that binds to the parameter: by one of its spellings exactly, else loosely; or null.</summary>
        public static PSPropertyInfo? FindColumn(Type cmdlet, string parameter, PSObject row)
        {
            foreach (string name in Of(cmdlet, parameter))
            {
                PSPropertyInfo? property = row.Properties[name];
                if (property != null)
                {
                    return property;
                }
            }

            return FindLooseColumn(cmdlet, parameter, row);
        }

        /// <summary>The row's property whose name matches a spelling of the parameter only loosely (PowerShell did not bind it), or null.</summary>
        public static PSPropertyInfo? FindLooseColumn(Type cmdlet, string parameter, PSObject row)
        {
            HashSet<string> loose = LooseCache.GetOrAdd((cmdlet, parameter), key =>
                new HashSet<string>(Of(key.Item1, key.Item2).Select(Loose), StringComparer.Ordinal));
            foreach (PSPropertyInfo property in row.Properties)
            {
                if (property is PSNoteProperty && loose.Contains(Loose(property.Name)))
                {
                    return property;
                }
            }

            return null;
        }

        /// <summary>A column name as headers are compared: lowercase, without spaces, underscores or hyphens.</summary>
        internal static string Loose(string name)
        {
            System.Text.StringBuilder result = new System.Text.StringBuilder(name.Length);
            foreach (char c in name)
            {
                if (!char.IsWhiteSpace(c) && c != '_' && c != '-')
                {
                    result.Append(char.ToLowerInvariant(c));
                }
            }

            return result.ToString();
        }
    }
}
