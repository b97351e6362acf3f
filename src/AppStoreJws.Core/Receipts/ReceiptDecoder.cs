using System;
using System.Buffers;
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

        private static readonly SearchValues<char> PlainBase64 =
            SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

        /// <summary>A receipt given as text: base64 (standard or URL-safe, line breaks allowed) or a transaction receipt's plist text.</summary>
        public static AppStoreReceipt Decode(string text) => Decode(text, out _);

        /// <summary>
        /// As <see cref="Decode(string)"/>, and says whether the text is certainly not private key text: true only for an
        /// app receipt read from plain standard base64 whose bytes hold no PEM armor (no "-----"). Such text is one run of
        /// base64 whose bytes start with a PKCS#7 ContentInfo, never a key's SEQUENCE { INTEGER version, … }, so
        /// <see cref="Keys.PrivateKeyText.Contains"/> would find nothing in it; every other receipt still needs that look.
        /// </summary>
        public static AppStoreReceipt Decode(string text, out bool notKeyText)
        {
            notKeyText = false;
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

            // Receipts arrive by the thousand: their bytes are needed only while they are read (every value read out
            // of them is copied), so the buffer is borrowed, and cleared before it goes back (the text may have been
            // anything, key material included).
            int most = MaximumDecodedLength(trimmed.Length);
            byte[] rented = ArrayPool<byte>.Shared.Rent(most);
            try
            {
                ReadOnlyMemory<byte> bytes = FromBase64(trimmed, rented);
                AppStoreReceipt receipt = DecodeBytes(bytes);
                notKeyText = receipt.ReceiptKind == ReceiptKind.App && bytes.Span.IndexOf("-----"u8) < 0 && IsPlainBase64(text);
                return receipt;
            }
            finally
            {
                rented.AsSpan(0, most).Clear();
                ArrayPool<byte>.Shared.Return(rented);
            }
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
        public static AppStoreReceipt DecodeBytes(byte[] bytes) => DecodeBytes(bytes.AsMemory());

        private static AppStoreReceipt DecodeBytes(ReadOnlyMemory<byte> memory)
        {
            ReadOnlySpan<byte> bytes = memory.Span;
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

            return AppReceiptReader.Read(memory);
        }

        /// <summary>The most bytes base64 text of this length can hold (whitespace and padding only make it less).</summary>
        private static int MaximumDecodedLength(int characters) => ((characters + 3) / 4) * 3;

        /// <summary>The bytes of base64 text, written into <paramref name="buffer"/> (at least <see cref="MaximumDecodedLength"/>) where they fit.</summary>
        private static ReadOnlyMemory<byte> FromBase64(ReadOnlySpan<char> text, byte[] buffer)
        {
            if (Convert.TryFromBase64Chars(text, buffer, out int written))
            {
                return buffer.AsMemory(0, written);
            }

            // URL-safe base64, or padding lost on the way (a URL, a JSON field cut by hand).
            byte[]? lenient = Keys.Base64Text.DecodeLeniently(text.ToString());
            if (lenient != null)
            {
                return lenient;
            }

            throw ReceiptErrors.Of(ReceiptErrors.NotBase64, $"The receipt is not base64: {Base64Problem(text)}; expected the base64 of an app receipt or of a transaction receipt.");
        }

        /// <summary>Nothing but standard base64 characters and at most two '=' at the end, as <see cref="Keys.PrivateKeyText"/> tells one run from other text.</summary>
        private static bool IsPlainBase64(string text)
        {
            ReadOnlySpan<char> body = text.AsSpan().TrimEnd('=');
            return text.Length - body.Length <= 2 && body.IndexOfAnyExcept(PlainBase64) < 0;
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
