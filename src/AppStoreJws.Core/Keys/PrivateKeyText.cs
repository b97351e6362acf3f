using System;
using System.Text;
using System.Text.RegularExpressions;

namespace AppStoreJws.Keys
{
    /// <summary>
    /// Recognises private key text wherever it turns up by mistake (a key passed to -Path, -KeyId or -ProductId, a
    /// CSV cell, an exception message), so the module can refuse it and never echo it. It looks for the forms a key
    /// takes in scripts: PEM (with or without line breaks), its bare base64 body, and the base64 of the whole PEM.
    /// </summary>
    internal static class PrivateKeyText
    {
        /// <summary>Shorter runs of base64 cannot hold a key (the smallest, a P-256 SEC1 key, is 121 bytes of DER).</summary>
        private const int ShortestKeyBase64 = 100;

        /// <summary>A base64 line of a key body is 64 characters; the last one is shorter, but 40 is rarely a path.</summary>
        private const int KeyLineLength = 40;

        /// <summary>PEM writers wrap at 64 (OpenSSL, Apple) or 76 (MIME) characters; a longer run is a whole body, found by decoding.</summary>
        private const int LongestKeyLine = 76;

        private static readonly Regex KeyLine = new Regex("^[A-Za-z0-9+/]+={0,2}$", RegexOptions.CultureInvariant);

        private const string Removed = "[private key text removed]";

        private static readonly System.Buffers.SearchValues<char> PlainBase64 =
            System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

        // A PEM label followed by key material. The words alone ("a private key", or a PEM label quoted in
        // a message that says which PEM label was expected) are not secret and stay readable.
        private static readonly Regex PemWithBody = new Regex(
            @"PRIVATE KEY-----(?:\s|\\[rn])*[A-Za-z0-9+/]{16}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex PemBlock = new Regex(
            "-----BEGIN[A-Z0-9 ]*PRIVATE KEY-----(?:\\s|\\\\[rn])*[A-Za-z0-9+/].*?(?:-----END[A-Z0-9 ]*PRIVATE KEY-----|$)",
            RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        // A base64 run, allowing the line breaks (real or written as \n) that a pasted key body keeps.
        private static readonly Regex Base64Run = new Regex(
            @"[A-Za-z0-9+/_-]{16,}(?:(?:\s|\\[rn])+[A-Za-z0-9+/_-]{4,})*={0,2}",
            RegexOptions.CultureInvariant);

        /// <summary>True when the text holds private key material in any of the forms above.</summary>
        public static bool Contains(string? text)
        {
            if (text == null || text.Length < 16)
            {
                return false;
            }

            if (text.IndexOf("PRIVATE KEY-----", StringComparison.OrdinalIgnoreCase) >= 0 && PemWithBody.IsMatch(text))
            {
                return true;
            }

            if (text.Length < ShortestKeyBase64)
            {
                return false;
            }

            // Text that is one run of plain base64 (a receipt or a certificate in a cell: kilobytes) is the one run the
            // pattern would find; it is looked at without running the pattern over it.
            ReadOnlySpan<char> body = text.AsSpan().TrimEnd('=');
            if (text.Length - body.Length <= 2 && body.IndexOfAnyExcept(PlainBase64) < 0)
            {
                return IsKeyBase64(text);
            }

            foreach (Match run in Base64Run.Matches(text))
            {
                if (IsKeyBase64(run.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// One line of a key file: a PEM armor line (BEGIN or END) or a line of nothing but base64 long enough to be part
        /// of a key body. File paths hold a dot, a separator other than '/', or are short, so none is taken for one.
        /// </summary>
        public static bool IsKeyLine(string? line)
        {
            string text = line?.Trim() ?? string.Empty;
            if (text.StartsWith("-----BEGIN ", StringComparison.Ordinal) || text.StartsWith("-----END ", StringComparison.Ordinal))
            {
                return true;
            }

            return text.Length >= KeyLineLength && text.Length <= LongestKeyLine && KeyLine.IsMatch(text);
        }

        /// <summary>The text with every private key in it replaced by a marker; unchanged (and not copied) when it holds none.</summary>
        public static string Redact(string text)
        {
            if (!Contains(text))
            {
                return text;
            }

            string result = PemBlock.Replace(text, Removed);
            result = Base64Run.Replace(result, run => IsKeyBase64(run.Value) ? Removed : run.Value);

            // A PEM label without its block (a truncated key) still says what was there, and nothing more.
            return Contains(result) ? Removed : result;
        }

        private static bool IsKeyBase64(string run)
        {
            if (run.Length < ShortestKeyBase64)
            {
                return false;
            }

            byte[]? bytes = DecodeBase64(run);
            if (bytes == null)
            {
                return false;
            }

            if (LooksLikePrivateKeyDer(bytes))
            {
                return true;
            }

            // The base64 of a whole PEM file (a common way to fit a key into one CI variable). Bytes without a PEM
            // armor's dashes (a receipt, a certificate: kilobytes of binary) are not turned into text to be searched.
            if (bytes.AsSpan().IndexOf("-----"u8) < 0)
            {
                return false;
            }

            string decoded = Encoding.UTF8.GetString(bytes);
            return PemWithBody.IsMatch(decoded);
        }

        /// <summary>
        /// PKCS#8, SEC1 and PKCS#1 private keys all start SEQUENCE { INTEGER version (0 or 1), ... }; public keys and
        /// certificates (which tokens legitimately carry) start SEQUENCE { SEQUENCE ... } instead.
        /// </summary>
        private static bool LooksLikePrivateKeyDer(byte[] der)
        {
            if (der.Length < 64 || der[0] != 0x30)
            {
                return false;
            }

            int lengthOctets = der[1] < 0x80 ? 0 : der[1] & 0x7F;
            int version = 2 + lengthOctets;
            return lengthOctets <= 2 && der.Length > version + 2
                && der[version] == 0x02 && der[version + 1] == 0x01 && der[version + 2] <= 0x01;
        }

        private static byte[]? DecodeBase64(string run)
        {
            // A run of plain standard base64 (a receipt, a certificate: kilobytes in one cell) decodes in place.
            ReadOnlySpan<char> trimmed = run.AsSpan().TrimEnd('=');
            if (trimmed.IndexOfAnyExcept(PlainBase64) < 0)
            {
                int whole = trimmed.Length - (trimmed.Length % 4);
                byte[] bytes = new byte[whole / 4 * 3];
                return Convert.TryFromBase64Chars(trimmed.Slice(0, whole), bytes, out _) ? bytes : null;
            }

            StringBuilder compact = new StringBuilder(run.Length);
            for (int i = 0; i < run.Length; i++)
            {
                char c = run[i];
                if (c == '\\' && i + 1 < run.Length && (run[i + 1] == 'n' || run[i + 1] == 'r'))
                {
                    i++;
                }
                else if (!char.IsWhiteSpace(c) && c != '=')
                {
                    compact.Append(c == '-' ? '+' : c == '_' ? '/' : c);
                }
            }

            // Words that follow a key in a message may join its run; only the start of the DER is looked at, so the
            // run is cut to whole base64 quanta rather than refused.
            compact.Length -= compact.Length % 4;
            return Base64Text.TryDecode(compact.ToString());
        }
    }
}
