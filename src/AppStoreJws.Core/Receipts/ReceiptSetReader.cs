using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using AppStoreJws.Errors;

namespace AppStoreJws.Receipts
{
    /// <summary>
    /// Reads Apple's receipt set and the in-app purchase sets inside it (attribute 17), in their encoded order:
    /// the attributes the module names become properties, every other one is kept by number.
    /// </summary>
    internal static class ReceiptSetReader
    {
        private const int ReceiptTypeAttribute = 0;
        private const int BundleIdAttribute = 2;
        private const int ApplicationVersionAttribute = 3;
        private const int CreationDateAttribute = 12;
        private const int InAppPurchaseAttribute = 17;
        private const int OriginalApplicationVersionAttribute = 19;
        private const int ExpirationDateAttribute = 21;

        private const int QuantityAttribute = 1701;
        private const int ProductIdAttribute = 1702;
        private const int TransactionIdAttribute = 1703;
        private const int PurchaseDateAttribute = 1704;
        private const int OriginalTransactionIdAttribute = 1705;
        private const int OriginalPurchaseDateAttribute = 1706;
        private const int ExpiresDateAttribute = 1708;
        private const int WebOrderLineItemIdAttribute = 1711;
        private const int CancellationDateAttribute = 1712;
        private const int IsTrialPeriodAttribute = 1713;
        private const int IsInIntroOfferPeriodAttribute = 1719;

        // The attribute lists of the receipt set and of one purchase, kept by each thread that decodes: a receipt has a
        // dozen attributes a purchase, and receipts are decoded by the thousand. Cleared after each use, so they never
        // keep a receipt's bytes alive.
        [ThreadStatic]
        private static List<RawAttribute>? receiptScratch;

        [ThreadStatic]
        private static List<RawAttribute>? purchaseScratch;

        public static AppStoreReceipt Read(ReadOnlyMemory<byte> receiptSet)
        {
            List<RawAttribute> attributes = receiptScratch ??= new List<RawAttribute>();
            try
            {
                Attributes(receiptSet, null, attributes);
                return Read(attributes);
            }
            finally
            {
                attributes.Clear();
            }
        }

        private static AppStoreReceipt Read(List<RawAttribute> attributes)
        {
            int purchaseCount = 0;
            foreach (RawAttribute attribute in attributes)
            {
                purchaseCount += attribute.Type == InAppPurchaseAttribute ? 1 : 0;
            }

            List<AppStoreReceiptPurchase> purchases = new List<AppStoreReceiptPurchase>(purchaseCount);
            RepeatedText productIds = default, originalIds = default;
            List<AppStoreReceiptAttribute>? others = null;
            string? receiptType = null, bundleId = null, version = null, originalVersion = null;
            DateTimeOffset? created = null, expires = null;
            int number = 0;
            foreach (RawAttribute attribute in attributes)
            {
                number++;
                ReceiptValue value = new ReceiptValue(attribute, number, null);
                switch (attribute.Type)
                {
                    case ReceiptTypeAttribute: receiptType = value.Text("receipt type"); break;
                    case BundleIdAttribute: bundleId = value.Text("bundle ID"); break;
                    case ApplicationVersionAttribute: version = value.Text("application version"); break;
                    case CreationDateAttribute: created = value.Date("receipt creation date"); break;
                    case OriginalApplicationVersionAttribute: originalVersion = value.Text("original application version"); break;
                    case ExpirationDateAttribute: expires = value.Date("receipt expiration date"); break;
                    case InAppPurchaseAttribute: purchases.Add(ReadPurchase(attribute, purchases.Count + 1, ref productIds, ref originalIds)); break;
                    default: (others ??= new List<AppStoreReceiptAttribute>()).Add(attribute.Kept()); break;
                }
            }

            string? transactionId = null;
            foreach (AppStoreReceiptPurchase purchase in purchases)
            {
                if (purchase.FirstIdentifier != null)
                {
                    transactionId = purchase.FirstIdentifier;
                    break;
                }
            }

            return new AppStoreReceipt(ReceiptKind.App, transactionId, purchases)
            {
                ReceiptType = receiptType,
                BundleId = bundleId,
                ApplicationVersion = version,
                OriginalApplicationVersion = originalVersion,
                ReceiptCreationDate = created,
                ReceiptExpirationDate = expires,
                OtherAttributes = (IReadOnlyList<AppStoreReceiptAttribute>?)others ?? Array.Empty<AppStoreReceiptAttribute>(),
            };
        }

        private static AppStoreReceiptPurchase ReadPurchase(RawAttribute inApp, int purchaseNumber, ref RepeatedText productIds, ref RepeatedText originalIds)
        {
            List<RawAttribute> attributes = purchaseScratch ??= new List<RawAttribute>();
            try
            {
                Attributes(inApp.Value, purchaseNumber, attributes);
                return ReadPurchase(attributes, purchaseNumber, ref productIds, ref originalIds);
            }
            finally
            {
                attributes.Clear();
            }
        }

        private static AppStoreReceiptPurchase ReadPurchase(List<RawAttribute> attributes, int purchaseNumber, ref RepeatedText productIds, ref RepeatedText originalIds)
        {
            AppStoreReceiptPurchase purchase = new AppStoreReceiptPurchase();
            List<AppStoreReceiptAttribute>? others = null;
            int number = 0;
            foreach (RawAttribute attribute in attributes)
            {
                number++;
                ReceiptValue value = new ReceiptValue(attribute, number, purchaseNumber);
                switch (attribute.Type)
                {
                    case QuantityAttribute: purchase.Quantity = value.Integer("quantity"); break;
                    case ProductIdAttribute: purchase.ProductId = value.Text("product ID", ref productIds); break;
                    case TransactionIdAttribute:
                        purchase.TransactionId = value.Text("transaction ID");
                        purchase.FirstIdentifier ??= purchase.TransactionId ?? string.Empty;
                        break;
                    case OriginalTransactionIdAttribute:
                        purchase.OriginalTransactionId = value.Text("original transaction ID", ref originalIds);
                        purchase.FirstIdentifier ??= purchase.OriginalTransactionId ?? string.Empty;
                        break;
                    case PurchaseDateAttribute: purchase.PurchaseDate = value.Date("purchase date"); break;
                    case OriginalPurchaseDateAttribute: purchase.OriginalPurchaseDate = value.Date("original purchase date"); break;
                    case ExpiresDateAttribute: purchase.ExpiresDate = value.Date("subscription expiration date"); break;
                    case WebOrderLineItemIdAttribute: purchase.WebOrderLineItemId = value.IntegerText("web order line item ID"); break;
                    case CancellationDateAttribute: purchase.CancellationDate = value.Date("cancellation date"); break;
                    case IsTrialPeriodAttribute: purchase.IsTrialPeriod = value.Flag("is trial period"); break;
                    case IsInIntroOfferPeriodAttribute: purchase.IsInIntroOfferPeriod = value.Flag("is in intro offer period"); break;
                    default: (others ??= new List<AppStoreReceiptAttribute>()).Add(attribute.Kept()); break;
                }
            }

            if (others != null)
            {
                purchase.OtherAttributes = others;
            }

            return purchase;
        }

        /// <summary>The attributes of the receipt set (no purchase number) or of an in-app purchase set, in encoded order, all read before any is used.</summary>
        private static void Attributes(ReadOnlyMemory<byte> encodedSet, int? purchaseNumber, List<RawAttribute> attributes)
        {
            ReadOnlyMemory<byte> remaining;
            try
            {
                AsnDecoder.ReadSetOf(encodedSet.Span, AsnEncodingRules.BER, out int offset, out int length, out int consumed, skipSortOrderValidation: true);
                if (consumed != encodedSet.Length)
                {
                    throw new AsnContentException($"{encodedSet.Length - consumed} bytes follow the SET");
                }

                remaining = encodedSet.Slice(offset, length);
            }
            catch (AsnContentException e)
            {
                throw ReceiptErrors.Of(ReceiptErrors.Malformed,
                    $"The receipt's {Where(purchaseNumber)} is not a SET of attributes ({e.Message}); expected SET OF SEQUENCE {{ type INTEGER, version INTEGER, value OCTET STRING }}.");
            }

            while (!remaining.IsEmpty)
            {
                try
                {
                    AsnDecoder.ReadSequence(remaining.Span, AsnEncodingRules.BER, out int offset, out int length, out int consumed);
                    attributes.Add(ReadAttribute(remaining.Slice(offset, length)));
                    remaining = remaining.Slice(consumed);
                }
                catch (AsnContentException e)
                {
                    throw ReceiptErrors.Of(ReceiptErrors.BadAttribute,
                        $"Attribute {attributes.Count + 1} of the receipt's {Where(purchaseNumber)} is not Apple's shape ({e.Message}); expected SEQUENCE {{ type INTEGER, version INTEGER, value OCTET STRING }}.");
                }
            }
        }

        private static string Where(int? purchaseNumber) => purchaseNumber == null ? "the receipt set" : $"in-app purchase {purchaseNumber}";

        /// <summary>One SEQUENCE { type INTEGER, version INTEGER, value OCTET STRING }'s contents, read in place (a copy only for a segmented value).</summary>
        private static RawAttribute ReadAttribute(ReadOnlyMemory<byte> contents)
        {
            ReadOnlySpan<byte> span = contents.Span;
            if (!AsnDecoder.TryReadInt32(span, AsnEncodingRules.BER, out int type, out int typeLength)
                || !AsnDecoder.TryReadInt32(span.Slice(typeLength), AsnEncodingRules.BER, out int version, out int versionLength))
            {
                throw new AsnContentException("its type or version does not fit in 32 bits");
            }

            int start = typeLength + versionLength;
            ReadOnlyMemory<byte> value;
            int valueLength;
            if (AsnDecoder.TryReadPrimitiveOctetString(span.Slice(start), AsnEncodingRules.BER, out ReadOnlySpan<byte> primitive, out valueLength))
            {
                value = contents.Slice(start + valueLength - primitive.Length, primitive.Length);
            }
            else
            {
                value = AsnDecoder.ReadOctetString(span.Slice(start), AsnEncodingRules.BER, out valueLength);
            }

            if (start + valueLength != contents.Length)
            {
                throw new AsnContentException("it holds more than type, version and value");
            }

            return new RawAttribute(type, version, value);
        }
    }

    /// <summary>One attribute as encoded: its value is still the DER of what it holds.</summary>
    internal readonly struct RawAttribute
    {
        public RawAttribute(int type, int version, ReadOnlyMemory<byte> value)
        {
            Type = type;
            Version = version;
            Value = value;
        }

        public int Type { get; }

        public int Version { get; }

        public ReadOnlyMemory<byte> Value { get; }

        public AppStoreReceiptAttribute Kept() => new AppStoreReceiptAttribute(Type, Version, Value.ToArray());
    }
}
