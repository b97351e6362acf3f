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
                AsnReader reader = new AsnReader(attribute.Value, AsnEncodingRules.BER);
                Asn1Tag tag = reader.PeekTag();
                if (tag.TagClass != TagClass.Universal || !IsStringType(tag.TagValue))
                {
                    throw Bad(field, $"a {Describe(tag)}", "a UTF8String");
                }

                string text = reader.TryReadPrimitiveCharacterStringBytes(tag, out ReadOnlyMemory<byte> bytes)
                    ? Encoding.UTF8.GetString(bytes.Span)
                    : reader.ReadCharacterString((UniversalTagNumber)tag.TagValue);
                reader.ThrowIfNotEmpty();
                return text;
            }
            catch (AsnContentException e)
            {
                throw Bad(field, $"broken encoding ({e.Message})", "a UTF8String");
            }
        }

        public DateTimeOffset? Date(string field)
        {
            string? text = Text(field);
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date))
            {
                return date;
            }

            throw Bad(field, $"'{Errors.UntrustedText.Quote(text, 40)}'", "an RFC 3339 date such as 2023-10-19T01:45:36Z");
        }

        public int? Integer(string field)
        {
            BigInteger? value = Number(field);
            if (value == null)
            {
                return null;
            }

            if (value < int.MinValue || value > int.MaxValue)
            {
                throw Bad(field, $"{value}", "an INTEGER that fits in 32 bits");
            }

            return (int)value.Value;
        }

        public string? IntegerText(string field) => Number(field)?.ToString(CultureInfo.InvariantCulture);

        public bool? Flag(string field)
        {
            BigInteger? value = Number(field);
            return value == null ? null : !value.Value.IsZero;
        }

        private BigInteger? Number(string field)
        {
            if (attribute.Value.IsEmpty)
            {
                return null;
            }

            try
            {
                AsnReader reader = new AsnReader(attribute.Value, AsnEncodingRules.BER);
                Asn1Tag tag = reader.PeekTag();
                if (!tag.HasSameClassAndValue(Asn1Tag.Integer))
                {
                    throw Bad(field, $"a {Describe(tag)}", "an INTEGER");
                }

                BigInteger value = reader.ReadInteger();
                reader.ThrowIfNotEmpty();
                return value;
            }
            catch (AsnContentException e)
            {
                throw Bad(field, $"broken encoding ({e.Message})", "an INTEGER");
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
}
