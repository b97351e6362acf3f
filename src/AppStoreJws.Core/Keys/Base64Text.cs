using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AppStoreJws.Keys
{
    /// <summary>
    /// Base64 as the module reads it, in one place: strict standard base64 (key bodies, the request claim, the legacy
    /// signature), strict base64url (JWS segments, JWK coordinates), a lenient reading that takes either, and the
    /// diagnosis of text that should be standard base64 and is not.
    /// </summary>
    internal static class Base64Text
    {
        public static bool IsStandardCharacter(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';

        public static bool IsUrlCharacter(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';

        /// <summary>True when the text holds a character only base64url uses, so it was meant as base64url.</summary>
        public static bool LooksLikeUrl(string text) => text.IndexOf('-') >= 0 || text.IndexOf('_') >= 0;

        /// <summary>A character for a message: printable ASCII between <paramref name="quote"/>s, anything else as U+XXXX.</summary>
        public static string Show(char c, string quote) =>
            c < ' ' || c > '~' ? "U+" + ((int)c).ToString("X4") : quote + c + quote;

        public static string RemoveWhiteSpace(string text)
        {
            StringBuilder compact = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (!char.IsWhiteSpace(c))
                {
                    compact.Append(c);
                }
            }

            return compact.ToString();
        }

        /// <summary>Strict standard base64 (as Convert reads it); null when the text is not.</summary>
        public static byte[]? TryDecode(string text)
        {
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>The index of the first character that is not base64url (RFC 7515 §2: no padding), or -1.</summary>
        public static int IndexOfNonUrlCharacter(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (!IsUrlCharacter(text[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Base64url, unpadded; null when the text is not.</summary>
        public static byte[]? TryDecodeUrl(string text)
        {
            try
            {
                return Base64UrlEncoder.DecodeBytes(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>Decodes standard base64 or base64url, padded or not, so content is checked even when the encoding is wrong.</summary>
        public static byte[]? DecodeLeniently(string text)
        {
            StringBuilder standard = new StringBuilder(text.Length + 3);
            foreach (char c in text)
            {
                if (c == '-')
                {
                    standard.Append('+');
                }
                else if (c == '_')
                {
                    standard.Append('/');
                }
                else if (c != '=' && !char.IsWhiteSpace(c))
                {
                    standard.Append(c);
                }
            }

            if (standard.Length % 4 == 1)
            {
                return null;
            }

            standard.Append('=', (4 - (standard.Length % 4)) % 4);
            return TryDecode(standard.ToString());
        }

        /// <summary>
        /// Why the text is not standard base64 with padding, one phrase a problem; none when it is.
        /// <paramref name="quote"/> shows a foreign character the way the caller's messages show values.
        /// </summary>
        public static List<string> StandardProblems(string text, Func<string, string> quote)
        {
            List<string> problems = new List<string>();
            if (text.Length == 0)
            {
                problems.Add("it is empty");
                return problems;
            }

            if (LooksLikeUrl(text))
            {
                problems.Add("it is base64url (it contains '-' or '_'), where Apple requires standard base64 with '+' and '/'");
            }

            char foreign = text.FirstOrDefault(c => !IsStandardCharacter(c) && c != '-' && c != '_');
            if (foreign != '\0')
            {
                problems.Add(char.IsWhiteSpace(foreign) ? "it contains whitespace or line breaks" : $"it contains {quote(foreign.ToString())}, which is not a base64 character");
            }

            int padding = text.IndexOf('=');
            if (padding >= 0 && text.Substring(padding).Any(c => c != '='))
            {
                problems.Add("'=' appears before the end");
            }
            else if (text.Length % 4 != 0)
            {
                problems.Add(padding < 0
                    ? $"its '=' padding is missing (its length, {text.Length}, is not a multiple of 4)"
                    : $"its padding is wrong (its length, {text.Length}, is not a multiple of 4)");
            }

            return problems;
        }
    }
}
