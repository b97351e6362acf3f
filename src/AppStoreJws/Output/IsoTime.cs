using System.Globalization;
using AppStoreJws.Receipts;
using AppStoreJws.ServerApi;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Output
{
    /// <summary>
    /// The times of the token and receipt objects as <c>AppStoreJws.types.ps1xml</c> presents them. Export-Csv writes a
    /// value with its own ToString(), which for a DateTimeOffset follows the current culture
    /// ("03.12.2026 05:16:37 +00:00" in de-DE), so a CSV written on one machine would not read back on another.
    /// Each time is handed out as the DateTimeOffset itself (comparisons, methods and -is still work) inside a
    /// <see cref="IsoTimeObject"/>, whose ToString() is ISO 8601 in UTC. The wrapper is made only when the
    /// property is read, so signing rows costs nothing more.
    /// </summary>
    public static class IsoTime
    {
        public static object? StoreKitIssuedAt(PSObject instance) =>
            instance?.BaseObject is StoreKitJws token ? new IsoTimeObject(token.IssuedAt) : null;

        public static object? BearerIssuedAt(PSObject instance) =>
            instance?.BaseObject is BearerToken token ? new IsoTimeObject(token.IssuedAt) : null;

        public static object? BearerExpiresAt(PSObject instance) =>
            instance?.BaseObject is BearerToken token ? new IsoTimeObject(token.ExpiresAt) : null;

        public static object? ReceiptCreationDate(PSObject instance) =>
            Wrapped((instance?.BaseObject as AppStoreReceipt)?.ReceiptCreationDate);

        public static object? ReceiptExpirationDate(PSObject instance) =>
            Wrapped((instance?.BaseObject as AppStoreReceipt)?.ReceiptExpirationDate);

        public static object? PurchaseDate(PSObject instance) =>
            Wrapped((instance?.BaseObject as AppStoreReceiptPurchase)?.PurchaseDate);

        public static object? OriginalPurchaseDate(PSObject instance) =>
            Wrapped((instance?.BaseObject as AppStoreReceiptPurchase)?.OriginalPurchaseDate);

        public static object? ExpiresDate(PSObject instance) =>
            Wrapped((instance?.BaseObject as AppStoreReceiptPurchase)?.ExpiresDate);

        public static object? CancellationDate(PSObject instance) =>
            Wrapped((instance?.BaseObject as AppStoreReceiptPurchase)?.CancellationDate);

        /// <summary>ISO 8601 in UTC: whole seconds as <c>2026-12-03T05:16:37Z</c>, a fraction only when there is one.</summary>
        public static string Format(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

        /// <summary>A receipt's date where it has one; a date the receipt does not hold stays null (an empty CSV cell).</summary>
        private static object? Wrapped(DateTimeOffset? time) => time is DateTimeOffset value ? new IsoTimeObject(value) : null;
    }

    /// <summary>
    /// A DateTimeOffset wrapped so that its text is ISO 8601. An overridden ToString() is a plain virtual call;
    /// a ToString member added to the PSObject (instance or type table) makes PowerShell resolve it through
    /// the member collection for every value, which cost about 150 microseconds a value and tripled the cost of
    /// an Export-Csv row.
    /// </summary>
    public sealed class IsoTimeObject : PSObject
    {
        private readonly DateTimeOffset _time;

        public IsoTimeObject(DateTimeOffset time)
            : base(time)
        {
            _time = time;
        }

        public override string ToString() => IsoTime.Format(_time);
    }
}
