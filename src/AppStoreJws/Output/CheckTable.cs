using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Host;
using System.Text;
using AppStoreJws.Checks;
using AppStoreJws.Inspection;

namespace AppStoreJws.Output
{
    /// <summary>
    /// The checks of a report as the format views show them. PowerShell's own table wrapping cuts a long message
    /// at the column's last character, mid-word ("ABC" / "DE12345"), so the views lay the checks out here: the
    /// message column wrapped at spaces to the width the view is given, and a word longer than the column (a
    /// thumbprint on a very narrow window) cut only when it cannot fit on a line of its own.
    /// </summary>
    public static class CheckTable
    {
        private const int ResultWidth = 7;
        private const int NarrowestMessage = 20;

        /// <summary>The window's width, or 120 where there is no window (a redirected or remote host reports none or 0).</summary>
        public static int WindowWidth(PSHostUserInterface? ui)
        {
            int width = 0;
            try
            {
                width = ui?.RawUI?.BufferSize.Width ?? 0;
            }
            catch (Exception)
            {
                // A host without a raw UI (some remoting and embedding hosts) throws here.
            }

            return width >= 40 ? width : 120;
        }

        /// <summary>The checks as a table no wider than <paramref name="width"/>: Result, Name, Message.</summary>
        public static string Render(IEnumerable? checks, int width)
        {
            List<JwsCheck> rows = checks?.OfType<JwsCheck>().ToList() ?? new List<JwsCheck>();
            int nameWidth = Math.Max(4, rows.Count == 0 ? 4 : rows.Max(check => check.Name.Length));
            int indent = ResultWidth + 1 + nameWidth + 1;
            int messageWidth = Math.Max(NarrowestMessage, width - indent);
            var text = new StringBuilder();
            text.Append(Cells("Result", "Name", nameWidth)).Append("Message").Append('\n');
            text.Append(Cells("------", "----", nameWidth)).Append("-------");
            foreach (JwsCheck check in rows)
            {
                List<string> lines = WrapWords(check.Message, messageWidth);
                text.Append('\n').Append(Cells(check.Result.ToString(), check.Name, nameWidth)).Append(lines[0]);
                foreach (string line in lines.Skip(1))
                {
                    text.Append('\n').Append(' ', indent).Append(line);
                }
            }

            return text.ToString();
        }

        /// <summary>A message wrapped at spaces for the Message column of the checks' own table view.</summary>
        public static string WrapMessage(string? message, int windowWidth) =>
            string.Join("\n", WrapWords(message ?? string.Empty, Math.Max(NarrowestMessage, windowWidth - 32)));

        /// <summary>The words of <paramref name="text"/> in lines of at most <paramref name="width"/> characters.</summary>
        public static List<string> WrapWords(string text, int width)
        {
            var lines = new List<string>();
            var line = new StringBuilder();
            foreach (string word in text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string rest = word;
                if (line.Length > 0 && line.Length + 1 + rest.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                // Only a word wider than the whole column is cut, and then at the column's edge.
                while (rest.Length > width)
                {
                    lines.Add(rest.Substring(0, width));
                    rest = rest.Substring(width);
                }

                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(rest);
            }

            lines.Add(line.ToString());
            return lines;
        }

        private static string Cells(string result, string name, int nameWidth) =>
            result.PadRight(ResultWidth) + " " + name.PadRight(nameWidth) + " ";
    }
}
