#nullable enable
using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AppStoreJws.TestData
{
    /// <summary>How a test receipt's PKCS#7 wrapper is encoded.</summary>
    public enum ReceiptEncoding
    {
        /// <summary>DER, as the App Store writes receipts.</summary>
        Der,

        /// <summary>DER with the receipt set wrapped in one more primitive OCTET STRING.</summary>
        DerWrapped,

        /// <summary>BER: every constructed element with an indefinite length; the content one primitive OCTET STRING.</summary>
        Indefinite,

        /// <summary>As <see cref="Indefinite"/>, the content split into OCTET STRING segments of 1,000 bytes (as CER writes it).</summary>
        IndefiniteSegmented,

        /// <summary>As Xcode writes: indefinite lengths on the way to the content, which is a constructed OCTET STRING holding a primitive one.</summary>
        Xcode,
    }

    /// <summary>
    /// Builds app receipts and transaction receipts for tests, with AsnWriter: Apple's receipt set inside PKCS#7 signed
    /// data with a real (self-signed, test-only) certificate and a signer info whose signature is random bytes. Shared
    /// by the xUnit tests and, through Add-Type, by the Pester, interop, docs and bench scripts, so every one of them
    /// reads the same receipts.
    /// </summary>
    public static class TestReceipts
    {
        private static readonly Lazy<(byte[] Raw, byte[] Issuer)> Certificate = new Lazy<(byte[] Raw, byte[] Issuer)>(() =>
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            CertificateRequest request = new CertificateRequest("CN=Test Receipt Signer, O=AppStoreJws tests", key, HashAlgorithmName.SHA256);
            using X509Certificate2 certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
            return (certificate.RawData, certificate.IssuerName.RawData);
        });

        /// <summary>One attribute of a receipt set: SEQUENCE { type, version 1, OCTET STRING value }.</summary>
        public static KeyValuePair<int, byte[]> Attribute(int type, byte[] value) => new KeyValuePair<int, byte[]>(type, value);

        public static byte[] Utf8(string text) => Single(w => w.WriteCharacterString(UniversalTagNumber.UTF8String, text));

        public static byte[] Ia5(string text) => Single(w => w.WriteCharacterString(UniversalTagNumber.IA5String, text));

        public static byte[] Integer(long value) => Single(w => w.WriteInteger(value));

        public static byte[] Date(DateTimeOffset? date) => Ia5(date == null ? string.Empty : date.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>A SET of attributes in the order given (Apple's parsers walk the encoded order).</summary>
        public static byte[] Set(IEnumerable<KeyValuePair<int, byte[]>> attributes)
        {
            AsnWriter writer = new AsnWriter(AsnEncodingRules.BER);
            using (writer.PushSetOf())
            {
                foreach (KeyValuePair<int, byte[]> attribute in attributes)
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteInteger(attribute.Key);
                        writer.WriteInteger(1);
                        writer.WriteOctetString(attribute.Value);
                    }
                }
            }

            return writer.Encode();
        }

        /// <summary>An in-app purchase's attributes (type 17's value): the fields given, in Apple's type order; null ones left out.</summary>
        public static byte[] Purchase(string productId, string? transactionId, string? originalTransactionId, DateTimeOffset purchaseDate,
            DateTimeOffset? expiresDate = null, DateTimeOffset? cancellationDate = null, long? webOrderLineItemId = null,
            bool? isTrialPeriod = null, bool? isInIntroOfferPeriod = null, int quantity = 1, params KeyValuePair<int, byte[]>[] more)
        {
            List<KeyValuePair<int, byte[]>> attributes = new List<KeyValuePair<int, byte[]>>
            {
                Attribute(1701, Integer(quantity)),
                Attribute(1702, Utf8(productId)),
            };
            if (transactionId != null)
            {
                attributes.Add(Attribute(1703, Utf8(transactionId)));
            }

            attributes.Add(Attribute(1704, Date(purchaseDate)));
            if (originalTransactionId != null)
            {
                attributes.Add(Attribute(1705, Utf8(originalTransactionId)));
            }

            attributes.Add(Attribute(1706, Date(purchaseDate)));
            attributes.Add(Attribute(1708, Date(expiresDate)));
            if (webOrderLineItemId != null)
            {
                attributes.Add(Attribute(1711, Integer(webOrderLineItemId.Value)));
            }

            attributes.Add(Attribute(1712, Date(cancellationDate)));
            if (isTrialPeriod != null)
            {
                attributes.Add(Attribute(1713, Integer(isTrialPeriod.Value ? 1 : 0)));
            }

            if (isInIntroOfferPeriod != null)
            {
                attributes.Add(Attribute(1719, Integer(isInIntroOfferPeriod.Value ? 1 : 0)));
            }

            attributes.AddRange(more);
            return Set(attributes);
        }

        /// <summary>A receipt set: bundle ID, versions, creation date, the purchases (type 17 each), then any more attributes.</summary>
        public static byte[] ReceiptSet(string bundleId, IEnumerable<byte[]> purchases, string receiptType = "ProductionSandbox",
            DateTimeOffset? created = null, params KeyValuePair<int, byte[]>[] more)
        {
            List<KeyValuePair<int, byte[]>> attributes = new List<KeyValuePair<int, byte[]>>
            {
                Attribute(0, Utf8(receiptType)),
                Attribute(2, Utf8(bundleId)),
                Attribute(3, Utf8("42")),
                Attribute(4, new byte[] { 0x12, 0x34, 0x56, 0x78 }),
                Attribute(5, new byte[20]),
                Attribute(12, Date(created ?? new DateTimeOffset(2023, 10, 19, 1, 45, 40, TimeSpan.Zero))),
            };
            foreach (byte[] purchase in purchases)
            {
                attributes.Add(Attribute(17, purchase));
            }

            attributes.Add(Attribute(19, Utf8("1.0")));
            attributes.AddRange(more);
            return Set(attributes);
        }

        /// <summary>The receipt set inside PKCS#7 signed data, encoded as asked.</summary>
        public static byte[] AppReceipt(byte[] receiptSet, ReceiptEncoding encoding = ReceiptEncoding.Der)
        {
            AsnWriter writer = new AsnWriter(AsnEncodingRules.DER);
            Asn1Tag explicit0 = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.2.840.113549.1.7.2");
                using (writer.PushSequence(explicit0))
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                    using (writer.PushSetOf())
                    {
                        AlgorithmIdentifier(writer, "2.16.840.1.101.3.4.2.1");
                    }

                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("1.2.840.113549.1.7.1");
                        using (writer.PushSequence(explicit0))
                        {
                            if (encoding == ReceiptEncoding.DerWrapped)
                            {
                                writer.WriteOctetString(Single(w => w.WriteOctetString(receiptSet)));
                            }
                            else
                            {
                                writer.WriteOctetString(receiptSet);
                            }
                        }
                    }

                    using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        writer.WriteEncodedValue(Certificate.Value.Raw);
                    }

                    using (writer.PushSetOf())
                    using (writer.PushSequence())
                    {
                        writer.WriteInteger(1);
                        using (writer.PushSequence())
                        {
                            writer.WriteEncodedValue(Certificate.Value.Issuer);
                            writer.WriteInteger(1);
                        }

                        AlgorithmIdentifier(writer, "2.16.840.1.101.3.4.2.1");
                        AlgorithmIdentifier(writer, "1.2.840.10045.4.3.2");
                        writer.WriteOctetString(RandomNumberGenerator.GetBytes(72));
                    }
                }
            }

            byte[] der = writer.Encode();
            if (encoding == ReceiptEncoding.Der || encoding == ReceiptEncoding.DerWrapped)
            {
                return der;
            }

            List<byte> ber = new List<byte>(der.Length + 64);
            WriteIndefinite(der, ber, receiptSet, encoding);
            return ber.ToArray();
        }

        /// <summary>A legacy transaction receipt's bytes (base64 them as apps did): its plist text with the purchase-info.</summary>
        public static byte[] TransactionReceipt(string transactionId, string? originalTransactionId, string productId, DateTimeOffset purchaseDate, string environment = "Sandbox")
        {
            StringBuilder purchase = new StringBuilder("{\n");
            void Field(string name, string value) => purchase.Append("\t\"").Append(name).Append("\" = \"").Append(value).Append("\";\n");
            Field("original-purchase-date-pst", "2012-04-30 08:05:55 America/Los_Angeles");
            Field("purchase-date-ms", purchaseDate.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Field("original-transaction-id", originalTransactionId ?? transactionId);
            Field("bvrs", "1.0");
            Field("transaction-id", transactionId);
            Field("quantity", "1");
            Field("original-purchase-date-ms", purchaseDate.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Field("product-id", productId);
            Field("item-id", "521129812");
            Field("bid", "com.example.app");
            Field("purchase-date", purchaseDate.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " Etc/GMT");
            purchase.Append('}');
            string outer = "{\n\t\"signature\" = \"" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(128)) + "\";\n"
                + "\t\"purchase-info\" = \"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(purchase.ToString())) + "\";\n"
                + "\t\"environment\" = \"" + environment + "\";\n\t\"pod\" = \"100\";\n\t\"signing-status\" = \"0\";\n}";
            return Encoding.UTF8.GetBytes(outer);
        }

        private static void AlgorithmIdentifier(AsnWriter writer, string oid)
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(oid);
            }
        }

        /// <summary>
        /// DER re-encoded as BER: constructed elements with an indefinite length (closed by 00 00), every one or, for
        /// Xcode's form, those holding the receipt set; and the content OCTET STRING written as <paramref name="encoding"/> says.
        /// </summary>
        private static void WriteIndefinite(ReadOnlySpan<byte> der, List<byte> output, byte[] receiptSet, ReceiptEncoding encoding)
        {
            while (!der.IsEmpty)
            {
                Asn1Tag tag = Asn1Tag.Decode(der, out int tagLength);
                AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.DER, out int contentOffset, out int contentLength, out int consumed);
                ReadOnlySpan<byte> content = der.Slice(contentOffset, contentLength);
                // Xcode writes indefinite lengths only on the way to the receipt set; its certificates keep DER's.
                if (tag.IsConstructed && (encoding != ReceiptEncoding.Xcode || content.IndexOf(receiptSet) >= 0))
                {
                    output.AddRange(der.Slice(0, tagLength).ToArray());
                    output.Add(0x80);
                    WriteIndefinite(content, output, receiptSet, encoding);
                    output.Add(0);
                    output.Add(0);
                }
                else if (tag.HasSameClassAndValue(Asn1Tag.PrimitiveOctetString) && content.SequenceEqual(receiptSet) && encoding != ReceiptEncoding.Indefinite)
                {
                    output.Add(0x24);
                    output.Add(0x80);
                    int segment = encoding == ReceiptEncoding.Xcode ? receiptSet.Length : 1000;
                    for (int start = 0; start < receiptSet.Length; start += segment)
                    {
                        int from = start, length = Math.Min(segment, receiptSet.Length - start);
                        output.AddRange(Single(w => w.WriteOctetString(receiptSet.AsSpan(from, length))));
                    }

                    output.Add(0);
                    output.Add(0);
                }
                else
                {
                    output.AddRange(der.Slice(0, consumed).ToArray());
                }

                der = der.Slice(consumed);
            }
        }

        private static byte[] Single(Action<AsnWriter> write)
        {
            AsnWriter writer = new AsnWriter(AsnEncodingRules.DER);
            write(writer);
            return writer.Encode();
        }
    }
}
