using System;
using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;
using System.Text;
using AppStoreJws.Errors;

namespace AppStoreJws.Receipts
{
    /// <summary>
    /// Reads the value of one named attribute: an OCTET STRING holding the DER of a string, an INTEGER or an RFC 3339
    /// date. An empty value, or an empty date string, means the field is absent. Text is read as Apple's utility reads
    /// it, UTF-8 with any invalid byte replaced, so a damaged character costs the character, not the receipt.
    /// </summary>
    internal readonly struct ReceiptValue
    {
        private static readonly string[] DateFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        };

        private readonly RawAttribute attribute;
        private readonly int number;
        private readonly int? purchase;

        public ReceiptValue(RawAttribute attribute, int number, int? purchase)
        {
            this.attribute = attribute;
            this.number = number;
            this.purchase = purchase;
        }

        public string? Text(string field)
        {
            if (attribute.Value.IsEmpty)
            {
                return null;
            }

            try
            {
                ReadOnlySpan<byte> value = attribute.Value.Span;
                Asn1Tag tag = Asn1Tag.Decode(value, out _);
                if (tag.TagClass != TagClass.Universal || !IsStringType(tag.TagValue))
                {
                    throw Bad(field, $"a {Describe(tag)}", "a UTF8String");
                }

                int consumed;
                string text = AsnDecoder.TryReadPrimitiveCharacterStringBytes(value, AsnEncodingRules.BER, tag, out ReadOnlySpan<byte> bytes, out consumed)
                    ? Encoding.UTF8.GetString(bytes)
                    : AsnDecoder.ReadCharacterString(value, AsnEncodingRules.BER, (UniversalTagNumber)tag.TagValue, out consumed);
                ThrowIfMore(value, consumed);
                return text;
            }
            catch (AsnContentException e)
            {
                throw Bad(field, $"broken encoding ({e.Message})", "a UTF8String");
            }
        }

        /// <summary>
        /// As <see cref="Text"/>, but a value encoded exactly as the one <paramref name="last"/> holds is given the same
        /// string: a subscriber's receipt repeats its product ID and original transaction ID in every renewal.
        /// </summary>
        public string? Text(string field, ref RepeatedText last)
        {
            if (last.Text != null && attribute.Value.Span.SequenceEqual(last.Encoded.Span))
            {
                return last.Text;
            }

            string? text = Text(field);
            last = new RepeatedText(attribute.Value, text);
            return text;
        }

        public DateTimeOffset? Date(string field)
        {
            // The forms every receipt writes, 20 ASCII characters in an IA5String (or another string type read the same
            // way), or an empty one for a date the purchase does not have, are read from their bytes: no string is made
            // for a value that ends as a DateTimeOffset (a purchase holds up to four).
            ReadOnlySpan<byte> encoded = attribute.Value.Span;
            if (encoded.Length == 2 && IsStringType(encoded[0]) && encoded[1] == 0)
            {
                return null;
            }

            if (encoded.Length == 22 && IsStringType(encoded[0]) && encoded[1] == 20)
            {
                Span<char> characters = stackalloc char[20];
                int ascii = 0;
                while (ascii < 20 && encoded[ascii + 2] < 0x80)
                {
                    characters[ascii] = (char)encoded[ascii + 2];
                    ascii++;
                }

                if (ascii == 20 && TryParseUtcSeconds(characters, out DateTimeOffset quick))
                {
                    return quick;
                }
            }

            string? text = Text(field);
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (TryParseUtcSeconds(text.AsSpan(), out DateTimeOffset utc))
            {
                return utc;
            }

            if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date))
            {
                return date;
            }

            throw Bad(field, $"'{Errors.UntrustedText.Quote(text, 40)}'", "an RFC 3339 date such as 2023-10-19T01:45:36Z");
        }

        /// <summary>The form every receipt writes, 2023-10-19T01:45:36Z, read without the general parser (a receipt holds four dates a purchase).</summary>
        private static bool TryParseUtcSeconds(ReadOnlySpan<char> text, out DateTimeOffset date)
        {
            date = default;
            if (text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
            {
                return false;
            }

            int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
            int hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2);
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
            {
                return false;
            }

            date = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
            return true;
        }

        /// <summary>The decimal number of <paramref name="count"/> ASCII digits at <paramref name="start"/>, or -1.</summary>
        private static int Digits(ReadOnlySpan<char> text, int start, int count)
        {
            int value = 0;
            for (int i = start; i < start + count; i++)
            {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return -1;
                }

                value = (value * 10) + digit;
            }

            return value;
        }

        public int? Integer(string field)
        {
            (long? small, BigInteger? large) = Number(field);
            if (small >= int.MinValue && small <= int.MaxValue)
            {
                return (int)small.Value;
            }

            if (small == null && large == null)
            {
                return null;
            }

            throw Bad(field, $"{(object?)small ?? large}", "an INTEGER that fits in 32 bits");
        }

        public string? IntegerText(string field)
        {
            (long? small, BigInteger? large) = Number(field);
            return small?.ToString(CultureInfo.InvariantCulture) ?? large?.ToString(CultureInfo.InvariantCulture);
        }

        public bool? Flag(string field)
        {
            (long? small, BigInteger? large) = Number(field);
            return small != null ? small.Value != 0 : large == null ? null : !large.Value.IsZero;
        }

        /// <summary>An INTEGER: as a long when it fits (every value a receipt holds), else as a BigInteger; both null when absent.</summary>
        private (long? Small, BigInteger? Large) Number(string field)
        {
            if (attribute.Value.IsEmpty)
            {
                return (null, null);
            }

            try
            {
                ReadOnlySpan<byte> value = attribute.Value.Span;
                Asn1Tag tag = Asn1Tag.Decode(value, out _);
                if (!tag.HasSameClassAndValue(Asn1Tag.Integer))
                {
                    throw Bad(field, $"a {Describe(tag)}", "an INTEGER");
                }

                int consumed;
                if (AsnDecoder.TryReadInt64(value, AsnEncodingRules.BER, out long small, out consumed))
                {
                    ThrowIfMore(value, consumed);
                    return (small, null);
                }

                BigInteger large = AsnDecoder.ReadInteger(value, AsnEncodingRules.BER, out consumed);
                ThrowIfMore(value, consumed);
                return (null, large);
            }
            catch (AsnContentException e)
            {
                throw Bad(field, $"broken encoding ({e.Message})", "an INTEGER");
            }
        }

        private static void ThrowIfMore(ReadOnlySpan<byte> value, int consumed)
        {
            if (consumed != value.Length)
            {
                throw new AsnContentException($"{value.Length - consumed} bytes follow the value");
            }
        }

        private static bool IsStringType(int tag) =>
            tag == (int)UniversalTagNumber.UTF8String || tag == (int)UniversalTagNumber.IA5String
            || tag == (int)UniversalTagNumber.PrintableString || tag == (int)UniversalTagNumber.VisibleString;

        private static string Describe(Asn1Tag tag) =>
            tag.TagClass == TagClass.Universal ? ((UniversalTagNumber)tag.TagValue).ToString() : $"[{tag.TagClass} {tag.TagValue}]";

        private AppStoreJwsException Bad(string field, string found, string expected)
        {
            string where = purchase == null ? $"attribute {number} of the receipt" : $"attribute {number} of in-app purchase {purchase}";
            return ReceiptErrors.Of(ReceiptErrors.BadAttribute,
                $"The {field} (type {attribute.Type}, {where}) holds {found}; expected {expected}.");
        }
    }

    /// <summary>The last text read for one field of a receipt's purchases: its encoded value (a slice of the receipt) and its string.</summary>
    internal readonly struct RepeatedText
    {
        public RepeatedText(ReadOnlyMemory<byte> encoded, string? text)
        {
            Encoded = encoded;
            Text = text;
        }

        public ReadOnlyMemory<byte> Encoded { get; }

        public string? Text { get; }
    }
}
