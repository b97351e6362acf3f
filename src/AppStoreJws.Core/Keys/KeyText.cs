using System;
using System.Collections.Generic;
using System.Text;

namespace AppStoreJws.Keys
{
    /// <summary>
    /// Undoes the damage keys suffer on their way to a script (see docs/WireFormat.md): encodings, escaped line breaks,
    /// quotes and whitespace. Every repair is recorded so verbose output can say what was changed.
    /// </summary>
    internal static class KeyText
    {
        /// <summary>Decodes a key file's bytes: UTF-8 (with or without BOM) or UTF-16 (with a BOM, or detected by its zero bytes).</summary>
        public static string Decode(byte[] bytes, IList<string> repairs)
        {
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                repairs.Add("removed a UTF-8 byte order mark");
                return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
            }

            if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                repairs.Add("decoded UTF-16 (little endian) text");
                return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
            }

            if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            {
                repairs.Add("decoded UTF-16 (big endian) text");
                return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
            }

            if (bytes.Length >= 4 && bytes.Length % 2 == 0 && bytes[0] != 0 && bytes[1] == 0 && bytes[3] == 0)
            {
                repairs.Add("decoded UTF-16 (little endian) text without a byte order mark");
                return Encoding.Unicode.GetString(bytes);
            }

            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>Removes the wrapping that environment variables, CI secrets and copy-paste add around key text.</summary>
        public static string Clean(string text, IList<string> repairs)
        {
            string result = text;
            if (result.Length > 0 && result[0] == '\uFEFF')
            {
                repairs.Add("removed a byte order mark");
                result = result.Substring(1);
            }

            string trimmed = result.Trim();
            if (trimmed.Length != result.Length)
            {
                // Every editor ends a saved key file with a line break: that is the normal form, not damage, so only
                // other surrounding whitespace is reported.
                if (result.TrimEnd('\r', '\n').Length != trimmed.Length)
                {
                    repairs.Add("trimmed surrounding whitespace");
                }

                result = trimmed;
            }

            while (result.Length >= 2 && IsQuote(result[0]) && result[result.Length - 1] == result[0])
            {
                repairs.Add("removed surrounding quotes");
                result = result.Substring(1, result.Length - 2).Trim();
            }

            if (result.IndexOf("\\n", StringComparison.Ordinal) >= 0 || result.IndexOf("\\r", StringComparison.Ordinal) >= 0)
            {
                repairs.Add("converted literal \\n to line breaks");
                result = result.Replace("\\r\\n", "\n").Replace("\\n", "\n").Replace("\\r", "\n");
            }

            if (result.IndexOf('\r') >= 0)
            {
                repairs.Add("normalised CRLF line breaks");
                result = result.Replace("\r\n", "\n").Replace('\r', '\n');
            }

            return result;
        }

        private static bool IsQuote(char c) => c == '"' || c == '\'';
    }
}
