using System;
using System.Globalization;
using System.Text;

namespace AppStoreJws.Errors
{
    /// <summary>
    /// Text that came from outside (a server's answer, a signed payload, a certificate) made safe to quote in a message:
    /// control characters are written as escapes (an ESC in an error message could drive the user's terminal, a line
    /// break could fake a second line of output), and long text is cut. The one place every such quote passes through.
    /// </summary>
    internal static class UntrustedText
    {
        /// <summary>How many characters of untrusted text a message quotes at most.</summary>
        public const int DefaultMaximumLength = 200;

        /// <summary>The text with C0 and C1 controls, DEL, line and paragraph separators and bidirectional overrides escaped as \uXXXX, cut after <paramref name="maximumLength"/> characters.</summary>
        public static string Quote(string? text, int maximumLength = DefaultMaximumLength)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            bool cut = text!.Length > maximumLength;
            int length = cut ? maximumLength : text.Length;
            StringBuilder safe = new StringBuilder(length + 16);
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                if (NeedsEscape(c))
                {
                    safe.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    safe.Append(c);
                }
            }

            return cut ? safe.Append('…').ToString() : safe.ToString();
        }

        private static bool NeedsEscape(char c) =>
            c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
