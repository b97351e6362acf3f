using System;
using System.Collections.Specialized;
using System.Text;
using AppStoreJws.Errors;

namespace AppStoreJws.Receipts
{
    /// <summary>
    /// The old-style (NeXTSTEP) plist dictionary a transaction receipt is written in: { key = value; … } with quoted
    /// or bare strings, the backslash escapes of quoted strings, and comments. Nested dictionaries and arrays are not
    /// part of a receipt and are refused.
    /// </summary>
    internal ref struct PlistDictionary
    {
        private readonly ReadOnlySpan<char> text;
        private readonly string what;
        private int position;

        private PlistDictionary(ReadOnlySpan<char> text, string what)
        {
            this.text = text;
            this.what = what;
            position = 0;
        }

        public static OrderedDictionary Parse(ReadOnlySpan<char> text, string what)
        {
            PlistDictionary parser = new PlistDictionary(text, what);
            OrderedDictionary fields = new OrderedDictionary(StringComparer.Ordinal);
            parser.Expect('{');
            while (true)
            {
                parser.SkipSpace();
                if (parser.position < parser.text.Length && parser.text[parser.position] == '}')
                {
                    parser.position++;
                    break;
                }

                string key = parser.ReadString();
                parser.Expect('=');
                string value = parser.ReadString();
                parser.Expect(';');
                fields[key] = value;
            }

            parser.SkipSpace();
            if (parser.position != parser.text.Length)
            {
                throw parser.Bad("text after the closing '}'");
            }

            return fields;
        }

        private void Expect(char expected)
        {
            SkipSpace();
            if (position >= text.Length)
            {
                throw Bad($"its end where '{expected}' belongs");
            }

            if (text[position] != expected)
            {
                throw Bad($"{Keys.Base64Text.Show(text[position], "'")} where '{expected}' belongs");
            }

            position++;
        }

        private string ReadString()
        {
            SkipSpace();
            if (position >= text.Length)
            {
                throw Bad("its end where a string belongs");
            }

            if (text[position] != '"')
            {
                int start = position;
                while (position < text.Length && IsBare(text[position]))
                {
                    position++;
                }

                if (position == start)
                {
                    throw Bad($"{Keys.Base64Text.Show(text[position], "'")} where a string belongs");
                }

                return text.Slice(start, position - start).ToString();
            }

            position++;
            StringBuilder value = new StringBuilder();
            while (position < text.Length && text[position] != '"')
            {
                char c = text[position++];
                if (c == '\\' && position < text.Length)
                {
                    char escaped = text[position++];
                    value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                }
                else
                {
                    value.Append(c);
                }
            }

            if (position >= text.Length)
            {
                throw Bad("a string that is never closed");
            }

            position++;
            return value.ToString();
        }

        private void SkipSpace()
        {
            while (position < text.Length)
            {
                if (char.IsWhiteSpace(text[position]))
                {
                    position++;
                }
                else if (text.Slice(position).StartsWith("//".AsSpan(), StringComparison.Ordinal))
                {
                    int end = text.Slice(position).IndexOf('\n');
                    position = end < 0 ? text.Length : position + end + 1;
                }
                else if (text.Slice(position).StartsWith("/*".AsSpan(), StringComparison.Ordinal))
                {
                    int end = text.Slice(position + 2).IndexOf("*/".AsSpan(), StringComparison.Ordinal);
                    position = end < 0 ? text.Length : position + 2 + end + 2;
                }
                else
                {
                    break;
                }
            }
        }

        private static bool IsBare(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '+' || c == '/' || c == ':' || c == '.' || c == '-';

        private AppStoreJwsException Bad(string found) =>
            ReceiptErrors.Of(ReceiptErrors.BadTransactionReceipt,
                $"The transaction receipt is not an old-style plist dictionary: {what} has {found} at character {position + 1:N0}; expected {{ \"key\" = \"value\"; … }}.");
    }
}
