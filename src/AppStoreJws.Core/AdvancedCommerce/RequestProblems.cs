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

        public int Count => messages.Count;

        public void Add(string message) => messages.Add(message);

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
