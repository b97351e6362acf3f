using System;
using System.IO;
using System.Text;
using AppStoreJws.Errors;

namespace AppStoreJws.Receipts
{
    /// <summary>
    /// Decodes what apps sent to verifyReceipt: an app receipt (PKCS#7, DER or BER, as base64 or raw bytes) or a legacy
    /// transaction receipt (base64 of old-style plist text). Decoding only: no signature or certificate is checked.
    /// Sizes are refused before anything is decoded, and every problem is an <see cref="AppStoreJwsException"/>.
    /// </summary>
    internal static class ReceiptDecoder
    {
        /// <summary>A receipt is a few KB to a few hundred KB; more than this is not one.</summary>
        public const int MaximumBytes = 16 * 1024 * 1024;

        /// <summary>The base64 of <see cref="MaximumBytes"/> (22.4 M characters) with a line break every 64 characters, rounded up.</summary>
        public const int MaximumTextLength = 24 * 1024 * 1024;

        /// <summary>A receipt given as text: base64 (standard or URL-safe, line breaks allowed) or a transaction receipt's plist text.</summary>
        public static AppStoreReceipt Decode(string text)
        {
            if (text.Length > MaximumTextLength)
            {
                throw TooLarge(text.Length, "characters");
            }

            ReadOnlySpan<char> trimmed = text.AsSpan().Trim();
            if (trimmed.IsEmpty)
            {
                throw ReceiptErrors.Of(ReceiptErrors.Empty, "The receipt is empty; expected the base64 of an app receipt or of a transaction receipt.");
            }

            if (LooksLikeJws(trimmed))
            {
                throw ReceiptErrors.Of(ReceiptErrors.IsSignedData,
                    "This is a signed transaction (a JWS: three base64url parts separated by dots), not a receipt; use ConvertFrom-AppStoreSignedData.");
            }

            if (trimmed[0] == '{')
            {
                return LegacyReceiptReader.ReadText(trimmed);
            }

            return DecodeBytes(FromBase64(trimmed));
        }

        /// <summary>A receipt file: the raw DER (or BER) Xcode and the App Store write, base64 text, or a transaction receipt's text.</summary>
        public static AppStoreReceipt DecodeFile(string path)
        {
            byte[] bytes;
            try
            {
                using FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                if (file.Length > MaximumTextLength)
                {
                    throw TooLarge(file.Length, "bytes");
                }

                bytes = new byte[file.Length];
                file.ReadExactly(bytes);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new AppStoreJwsException(ErrorIds.ReceiptFileNotReadable, ErrorKind.ObjectNotFound,
                    $"Cannot read the receipt file '{Errors.UntrustedText.Quote(path)}': {e.Message}", e);
            }

            if (bytes.Length > 0 && bytes[0] == AppReceiptReader.SequenceTag)
            {
                return DecodeBytes(bytes);
            }

            return Decode(new UTF8Encoding(false, false).GetString(bytes));
        }

        /// <summary>A receipt's bytes: an app receipt (starts with a SEQUENCE) or a transaction receipt's text.</summary>
        public static AppStoreReceipt DecodeBytes(byte[] bytes)
        {
            if (bytes.Length > MaximumBytes)
            {
                throw TooLarge(bytes.Length, "bytes");
            }

            int first = 0;
            while (first < bytes.Length && IsTextSpace(bytes[first]))
            {
                first++;
            }

            if (first < bytes.Length && bytes[first] == (byte)'{')
            {
                return LegacyReceiptReader.ReadText(new UTF8Encoding(false, false).GetString(bytes).AsSpan().Trim());
            }

            return AppReceiptReader.Read(bytes);
        }

        private static byte[] FromBase64(ReadOnlySpan<char> text)
        {
            // Sized exactly for base64 without line breaks (the usual form), so the bytes need no copy.
            int padding = text.EndsWith("==".AsSpan(), StringComparison.Ordinal) ? 2 : text[text.Length - 1] == '=' ? 1 : 0;
            byte[] buffer = new byte[text.Length % 4 == 0 ? (text.Length / 4 * 3) - padding : (text.Length / 4 * 3) + 3];
            if (Convert.TryFromBase64Chars(text, buffer, out int written))
            {
                return written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
            }

            // URL-safe base64, or padding lost on the way (a URL, a JSON field cut by hand).
            byte[]? lenient = Keys.Base64Text.DecodeLeniently(text.ToString());
            if (lenient != null)
            {
                return lenient;
            }

            throw ReceiptErrors.Of(ReceiptErrors.NotBase64, $"The receipt is not base64: {Base64Problem(text)}; expected the base64 of an app receipt or of a transaction receipt.");
        }

        private static string Base64Problem(ReadOnlySpan<char> text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!Keys.Base64Text.IsStandardCharacter(c) && !Keys.Base64Text.IsUrlCharacter(c) && !char.IsWhiteSpace(c))
                {
                    return $"it holds {Keys.Base64Text.Show(c, "'")} at position {i + 1:N0}";
                }
            }

            return $"its length ({text.Length:N0} characters without padding) cannot be base64";
        }

        private static bool LooksLikeJws(ReadOnlySpan<char> text)
        {
            int firstDot = text.IndexOf('.');
            if (firstDot <= 0 || !text.StartsWith("eyJ".AsSpan(), StringComparison.Ordinal))
            {
                return false;
            }

            ReadOnlySpan<char> rest = text.Slice(firstDot + 1);
            int secondDot = rest.IndexOf('.');
            return secondDot >= 0 && rest.Slice(secondDot + 1).IndexOf('.') < 0;
        }

        private static bool IsTextSpace(byte b) => b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF;

        private static AppStoreJwsException TooLarge(long size, string unit) =>
            ReceiptErrors.Of(ReceiptErrors.TooLarge,
                $"The receipt is {ReceiptErrors.Size(size)} {unit}; a receipt is a few KB to a few hundred KB, and more than {ReceiptErrors.Size(MaximumBytes)} bytes ({ReceiptErrors.Size(MaximumTextLength)} characters of base64) is refused before decoding.");
    }
}
