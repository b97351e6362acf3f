using System.Text;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// Joins JSON that arrives one line per pipeline input (Get-Content without -Raw) back into one text: a line
    /// that opens more brackets than it closes starts a buffer, which is complete when the brackets balance.
    /// Brackets inside strings do not count.
    /// </summary>
    internal sealed class JsonLineBuffer
    {
        private readonly StringBuilder text = new StringBuilder();
        private int depth;
        private bool inString;
        private bool escaped;

        public bool IsPending => text.Length > 0;

        /// <summary>
        /// The complete JSON text once this line closes it, the line itself when it needs no joining, else null. A whole
        /// JSON value on one line while lines are buffered means the buffer was a broken input of its own: it is
        /// handed back as <paramref name="abandoned"/> (to be that input's error) rather than swallowing this one.
        /// </summary>
        public string? Add(string line, out string? abandoned)
        {
            abandoned = null;
            if (IsPending && IsWholeValue(line))
            {
                abandoned = TakeUnfinished();
            }

            if (!IsPending)
            {
                string start = line.TrimStart();
                if (start.Length == 0 || (start[0] != '{' && start[0] != '['))
                {
                    return line;
                }
            }

            text.Append(line).Append('\n');
            Scan(line);
            if (depth > 0)
            {
                return null;
            }

            return TakeUnfinished();
        }

        /// <summary>What was buffered but never closed (for the end of the run's error), and the buffer emptied.</summary>
        public string TakeUnfinished()
        {
            string rest = text.ToString();
            text.Clear();
            depth = 0;
            inString = false;
            escaped = false;
            return rest;
        }

        private static bool IsWholeValue(string line)
        {
            string trimmed = line.Trim();
            if (trimmed.Length < 2 || !((trimmed[0] == '{' && trimmed[trimmed.Length - 1] == '}') || (trimmed[0] == '[' && trimmed[trimmed.Length - 1] == ']')))
            {
                return false;
            }

            JsonLineBuffer probe = new JsonLineBuffer();
            probe.Scan(trimmed);
            return probe.depth == 0 && !probe.inString;
        }

        private void Scan(string line)
        {
            foreach (char c in line)
            {
                if (inString)
                {
                    if (escaped)
                    {
                        escaped = false;
                    }
                    else if (c == '\\')
                    {
                        escaped = true;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if (c == '{' || c == '[')
                {
                    depth++;
                }
                else if (c == '}' || c == ']')
                {
                    depth--;
                }
            }
        }
    }
}
