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

        public static AppStoreReceipt Read(ReadOnlyMemory<byte> receiptSet)
        {
            List<AppStoreReceiptPurchase> purchases = new List<AppStoreReceiptPurchase>();
            List<AppStoreReceiptAttribute>? others = null;
            string? receiptType = null, bundleId = null, version = null, originalVersion = null;
            DateTimeOffset? created = null, expires = null;
            int number = 0;
            foreach (RawAttribute attribute in Attributes(receiptSet, "the receipt set"))
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
                    case InAppPurchaseAttribute: purchases.Add(ReadPurchase(attribute, purchases.Count + 1)); break;
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

        private static AppStoreReceiptPurchase ReadPurchase(RawAttribute inApp, int purchaseNumber)
        {
            AppStoreReceiptPurchase purchase = new AppStoreReceiptPurchase();
            List<AppStoreReceiptAttribute>? others = null;
            int number = 0;
            foreach (RawAttribute attribute in Attributes(inApp.Value, $"in-app purchase {purchaseNumber}"))
            {
                number++;
                ReceiptValue value = new ReceiptValue(attribute, number, purchaseNumber);
                switch (attribute.Type)
                {
                    case QuantityAttribute: purchase.Quantity = value.Integer("quantity"); break;
                    case ProductIdAttribute: purchase.ProductId = value.Text("product ID"); break;
                    case TransactionIdAttribute:
                        purchase.TransactionId = value.Text("transaction ID");
                        purchase.FirstIdentifier ??= purchase.TransactionId ?? string.Empty;
                        break;
                    case OriginalTransactionIdAttribute:
                        purchase.OriginalTransactionId = value.Text("original transaction ID");
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

        /// <summary>The attributes of a receipt set or an in-app purchase set, in encoded order.</summary>
        private static List<RawAttribute> Attributes(ReadOnlyMemory<byte> encodedSet, string where)
        {
            List<RawAttribute> attributes = new List<RawAttribute>();
            AsnReader set;
            try
            {
                AsnReader outer = new AsnReader(encodedSet, AsnEncodingRules.BER);
                set = outer.ReadSetOf(skipSortOrderValidation: true);
                outer.ThrowIfNotEmpty();
            }
            catch (AsnContentException e)
            {
                throw ReceiptErrors.Of(ReceiptErrors.Malformed,
                    $"The receipt's {where} is not a SET of attributes ({e.Message}); expected SET OF SEQUENCE {{ type INTEGER, version INTEGER, value OCTET STRING }}.");
            }

            while (set.HasData)
            {
                int number = attributes.Count + 1;
                try
                {
                    AsnReader attribute = set.ReadSequence();
                    if (!attribute.TryReadInt32(out int type) || !attribute.TryReadInt32(out int version))
                    {
                        throw new AsnContentException("its type or version does not fit in 32 bits");
                    }

                    ReadOnlyMemory<byte> value = AppReceiptReader.Octets(attribute);
                    attribute.ThrowIfNotEmpty();
                    attributes.Add(new RawAttribute(type, version, value));
                }
                catch (AsnContentException e)
                {
                    throw ReceiptErrors.Of(ReceiptErrors.BadAttribute,
                        $"Attribute {number} of the receipt's {where} is not Apple's shape ({e.Message}); expected SEQUENCE {{ type INTEGER, version INTEGER, value OCTET STRING }}.");
                }
            }

            return attributes;
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
