using System;
using System.Collections.Generic;
using System.Collections.Specialized;

namespace AppStoreJws.Receipts
{
    /// <summary>The two receipt formats apps sent to verifyReceipt.</summary>
    internal enum ReceiptKind
    {
        /// <summary>An app receipt: PKCS#7 signed data around Apple's ASN.1 receipt set.</summary>
        App,

        /// <summary>A legacy transaction receipt (SKPaymentTransaction.transactionReceipt): old-style plist text.</summary>
        Transaction,
    }

    /// <summary>
    /// A receipt decoded, not verified: its signature is not checked (Apple's libraries do not either), so nothing in
    /// it is vouched for by Apple. Use its transaction IDs to ask the App Store Server API, and trust only the answers.
    /// </summary>
    public sealed class AppStoreReceipt
    {
        internal AppStoreReceipt(ReceiptKind kind, string? transactionId, IReadOnlyList<AppStoreReceiptPurchase> purchases)
        {
            ReceiptKind = kind;
            TransactionId = transactionId;
            InAppPurchases = purchases;
            OriginalTransactionIds = DistinctOriginalIds(purchases);
        }

        /// <summary>App or Transaction, by name.</summary>
        public string Kind => ReceiptKind.ToString();

        internal ReceiptKind ReceiptKind { get; }

        /// <summary>Always false: the receipt is decoded only; its signature and certificates are not checked.</summary>
        public bool IsVerified => false;

        /// <summary>
        /// The transaction ID Apple's ReceiptUtility takes out of the same receipt (null where it finds none): for an
        /// app receipt, the first transaction ID or original transaction ID of the first in-app purchase that has one;
        /// for a transaction receipt, its transaction-id.
        /// </summary>
        public string? TransactionId { get; }

        /// <summary>
        /// The original transaction ID of every purchase (its transaction ID where the receipt names no original),
        /// each once, in receipt order: what the App Store Server API lookups take.
        /// </summary>
        public string[] OriginalTransactionIds { get; }

        public string? BundleId { get; internal set; }

        public string? ApplicationVersion { get; internal set; }

        public string? OriginalApplicationVersion { get; internal set; }

        public DateTimeOffset? ReceiptCreationDate { get; internal set; }

        public DateTimeOffset? ReceiptExpirationDate { get; internal set; }

        /// <summary>Where the receipt comes from (Production, ProductionSandbox, Xcode; a transaction receipt's environment), where it says.</summary>
        public string? ReceiptType { get; internal set; }

        /// <summary>The purchases in receipt order; a transaction receipt holds one.</summary>
        public IReadOnlyList<AppStoreReceiptPurchase> InAppPurchases { get; }

        /// <summary>An app receipt's attributes of types the module does not name, kept by number.</summary>
        public IReadOnlyList<AppStoreReceiptAttribute> OtherAttributes { get; internal set; } = Array.Empty<AppStoreReceiptAttribute>();

        /// <summary>A transaction receipt's text fields as written (its own, then those of its purchase-info); null for an app receipt.</summary>
        public OrderedDictionary? TextFields { get; internal set; }

        /// <summary>The size of the decoded receipt, in bytes.</summary>
        public int Length { get; internal set; }

        public override string ToString() =>
            $"{Kind} receipt {BundleId ?? "(no bundle ID)"}, {InAppPurchases.Count} purchase{(InAppPurchases.Count == 1 ? string.Empty : "s")}, transaction {TransactionId ?? "(none)"}";

        private static string[] DistinctOriginalIds(IReadOnlyList<AppStoreReceiptPurchase> purchases)
        {
            // A receipt names one original transaction per subscription or product, so a handful at most: a list is
            // searched (string equality is ordinal) until it is long enough for a set to pay.
            List<string> ids = new List<string>();
            HashSet<string>? seen = null;
            foreach (AppStoreReceiptPurchase purchase in purchases)
            {
                string? id = string.IsNullOrEmpty(purchase.OriginalTransactionId) ? purchase.TransactionId : purchase.OriginalTransactionId;
                if (string.IsNullOrEmpty(id))
                {
                    continue;
                }

                if (seen == null && ids.Count == 16)
                {
                    seen = new HashSet<string>(ids, StringComparer.Ordinal);
                }

                if (seen != null ? seen.Add(id!) : ids.IndexOf(id!) < 0)
                {
                    ids.Add(id!);
                }
            }

            return ids.ToArray();
        }
    }

    /// <summary>One in-app purchase of a receipt (attribute 17 of an app receipt; the purchase-info of a transaction receipt).</summary>
    public sealed class AppStoreReceiptPurchase
    {
        public string? ProductId { get; internal set; }

        public int? Quantity { get; internal set; }

        public string? TransactionId { get; internal set; }

        public string? OriginalTransactionId { get; internal set; }

        public DateTimeOffset? PurchaseDate { get; internal set; }

        public DateTimeOffset? OriginalPurchaseDate { get; internal set; }

        /// <summary>An auto-renewable subscription's expiry.</summary>
        public DateTimeOffset? ExpiresDate { get; internal set; }

        /// <summary>When Apple refunded or revoked the purchase.</summary>
        public DateTimeOffset? CancellationDate { get; internal set; }

        /// <summary>A subscription period's purchase ID, as decimal text (it can exceed what JSON numbers keep exactly).</summary>
        public string? WebOrderLineItemId { get; internal set; }

        public bool? IsInIntroOfferPeriod { get; internal set; }

        public bool? IsTrialPeriod { get; internal set; }

        /// <summary>The purchase's attributes of types the module does not name, kept by number (an app receipt's).</summary>
        public IReadOnlyList<AppStoreReceiptAttribute> OtherAttributes { get; internal set; } = Array.Empty<AppStoreReceiptAttribute>();

        /// <summary>
        /// The first transaction ID or original transaction ID in the purchase's attribute order: what Apple's
        /// ReceiptUtility returns for the first purchase that has one.
        /// </summary>
        internal string? FirstIdentifier { get; set; }

        public override string ToString() => $"{ProductId} x{Quantity} transaction {TransactionId}";
    }

    /// <summary>A receipt attribute the module does not name: its type number, version and value bytes as the receipt holds them.</summary>
    public sealed class AppStoreReceiptAttribute
    {
        internal AppStoreReceiptAttribute(int type, int version, byte[] value)
        {
            Type = type;
            Version = version;
            Value = value;
        }

        public int Type { get; }

        public int Version { get; }

        /// <summary>The attribute's value: the DER of what it holds (a string, an integer), or opaque bytes.</summary>
        public byte[] Value { get; }

        public override string ToString() => $"{Type}: {Convert.ToHexString(Value)}";
    }
}
