using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using AppStoreJws.Errors;

namespace AppStoreJws.Receipts
{
    /// <summary>
    /// Reads an app receipt: a PKCS#7 ContentInfo holding SignedData, whose encapsulated content is Apple's receipt
    /// set (a SET of attributes: SEQUENCE { type INTEGER, version INTEGER, value OCTET STRING }). DER and BER are both
    /// read (Xcode writes indefinite lengths and splits the content into a constructed OCTET STRING). The signature,
    /// certificates and signer infos are walked for their framing only, never checked.
    /// </summary>
    internal static class AppReceiptReader
    {
        public const byte SequenceTag = 0x30;

        private const string SignedDataOid = "1.2.840.113549.1.7.2";
        private const string DataOid = "1.2.840.113549.1.7.1";
        private const string Pkcs7 = "the PKCS#7 signed data";

        private static readonly Asn1Tag Explicit0 = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);

        public static AppStoreReceipt Read(ReadOnlyMemory<byte> memory)
        {
            ReadOnlySpan<byte> bytes = memory.Span;
            if (bytes.Length == 0 || bytes[0] != SequenceTag)
            {
                throw ReceiptErrors.Of(ReceiptErrors.NotPkcs7,
                    $"The receipt is not PKCS#7: it starts with {(bytes.Length == 0 ? "nothing" : $"the byte 0x{bytes[0]:X2}")}, where an app receipt starts with 0x30 (a SEQUENCE) and a transaction receipt with '{{'.");
            }

            Asn1Framing.Check(bytes, Pkcs7);
            ReadOnlyMemory<byte> receiptSet;
            try
            {
                receiptSet = ReceiptSetOf(memory);
            }
            catch (AsnContentException e)
            {
                throw ReceiptErrors.Of(ReceiptErrors.Malformed, $"The receipt's PKCS#7 signed data is not shaped as one: {e.Message} Expected ContentInfo {{ signedData, [0] SignedData {{ version, digestAlgorithms, encapContentInfo {{ data, [0] OCTET STRING }}, … }} }}.");
            }

            AppStoreReceipt receipt = ReceiptSetReader.Read(receiptSet);
            receipt.Length = bytes.Length;
            return receipt;
        }

        /// <summary>The encapsulated content: the bytes of the receipt set, out of the OCTET STRING (and the one more Xcode wraps it in).</summary>
        private static ReadOnlyMemory<byte> ReceiptSetOf(ReadOnlyMemory<byte> bytes)
        {
            AsnReader contentInfo = new AsnReader(bytes, AsnEncodingRules.BER).ReadSequence();
            string contentType = contentInfo.ReadObjectIdentifier();
            if (contentType != SignedDataOid)
            {
                throw ReceiptErrors.Of(ReceiptErrors.NotPkcs7,
                    $"The receipt is PKCS#7 of content type {contentType}, not signed data ({SignedDataOid}); expected an app receipt.");
            }

            AsnReader signedData = contentInfo.ReadSequence(Explicit0).ReadSequence();
            signedData.ReadInteger();
            signedData.ReadSetOf(skipSortOrderValidation: true);
            AsnReader encapsulated = signedData.ReadSequence();
            string eContentType = encapsulated.ReadObjectIdentifier();
            if (eContentType != DataOid)
            {
                throw ReceiptErrors.Of(ReceiptErrors.Malformed,
                    $"The receipt's signed content is of type {eContentType}; expected data ({DataOid}), which holds the receipt set.");
            }

            if (!encapsulated.HasData)
            {
                throw ReceiptErrors.Of(ReceiptErrors.Malformed,
                    "The receipt's signed data holds no content (detached signature); expected the receipt set inside it.");
            }

            AsnReader explicitContent = encapsulated.ReadSequence(Explicit0);
            ReadOnlyMemory<byte> content = Octets(explicitContent);
            explicitContent.ThrowIfNotEmpty();
            encapsulated.ThrowIfNotEmpty();

            // Certificates, CRLs and signer infos: framing only (checked above); nothing in them is used.
            while (signedData.HasData)
            {
                signedData.ReadEncodedValue();
            }

            contentInfo.ThrowIfNotEmpty();

            // Xcode wraps the receipt set in one more OCTET STRING; unwrapped once, never more.
            if (!content.IsEmpty && (content.Span[0] == 0x04 || content.Span[0] == 0x24))
            {
                AsnReader wrapper = new AsnReader(content, AsnEncodingRules.BER);
                content = Octets(wrapper);
                wrapper.ThrowIfNotEmpty();
            }

            return content;
        }

        /// <summary>An OCTET STRING's contents: a slice when primitive, a copy when BER splits it into segments.</summary>
        internal static ReadOnlyMemory<byte> Octets(AsnReader reader) =>
            reader.TryReadPrimitiveOctetString(out ReadOnlyMemory<byte> contents) ? contents : reader.ReadOctetString();
    }
}
