using System.Collections.Generic;
using System.Text.Json;

namespace AppStoreJws.Json
{
    /// <summary>
    /// A member name a JSON object holds more than once, with its first and last values as written. JSON leaves
    /// the meaning open: jose, JSON.parse and System.Text.Json read the last, some verifiers the first.
    /// </summary>
    internal sealed class DuplicateMember
    {
        private DuplicateMember(string name, string first, string last, int count)
        {
            Name = name;
            FirstJson = first;
            LastJson = last;
            Count = count;
        }

        public string Name { get; }

        public string FirstJson { get; }

        public string LastJson { get; }

        public int Count { get; }

        /// <summary>The top-level members of the JSON object <paramref name="json"/> that appear more than once.</summary>
        public static IReadOnlyList<DuplicateMember> Find(string json)
        {
            List<DuplicateMember> found = new List<DuplicateMember>();
            using (JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 }))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return found;
                }

                Dictionary<string, (string First, string Last, int Count)> seen = new Dictionary<string, (string, string, int)>();
                List<string> order = new List<string>();
                foreach (JsonProperty member in document.RootElement.EnumerateObject())
                {
                    string raw = member.Value.GetRawText();
                    if (seen.TryGetValue(member.Name, out var entry))
                    {
                        seen[member.Name] = (entry.First, raw, entry.Count + 1);
                    }
                    else
                    {
                        seen[member.Name] = (raw, raw, 1);
                        order.Add(member.Name);
                    }
                }

                foreach (string name in order)
                {
                    var entry = seen[name];
                    if (entry.Count > 1)
                    {
                        found.Add(new DuplicateMember(name, entry.First, entry.Last, entry.Count));
                    }
                }
            }

            return found;
        }
    }
}
