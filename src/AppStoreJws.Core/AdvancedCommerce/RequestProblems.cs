using System.Collections.Generic;
using System.Text;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>
    /// Every problem found in one request, so its error lists them all (each with its JSON path) and a request is
    /// fixed in one pass rather than one error per attempt.
    /// </summary>
    internal sealed class RequestProblems
    {
        private readonly List<string> messages = new List<string>();
        private readonly HashSet<string> shapePaths = new HashSet<string>(System.StringComparer.Ordinal);

        public int Count => messages.Count;

        public void Add(string message) => messages.Add(message);

        /// <summary>A value of the wrong JSON type at <paramref name="path"/>: the field rules then see it as absent and do not report it again.</summary>
        public void AddShape(string path, string message)
        {
            shapePaths.Add(path);
            messages.Add(message);
        }

        /// <summary>Whether the value at the path was already reported for its type (so its absence is no news).</summary>
        public bool HadShapeProblem(string path) => shapePaths.Contains(path);

        public void ThrowIfAny()
        {
            if (messages.Count == 1)
            {
                throw FieldRules.Invalid(messages[0]);
            }

            if (messages.Count > 1)
            {
                StringBuilder all = new StringBuilder($"The request has {messages.Count} problems:");
                for (int i = 0; i < messages.Count; i++)
                {
                    all.Append(' ').Append(i + 1).Append(") ").Append(messages[i]);
                }

                throw FieldRules.Invalid(all.ToString());
            }
        }
    }
}
