using System.Collections.Generic;

namespace AppStoreJws.ServerApi
{
    /// <summary>
    /// Apple's notificationType and subtype values (App Store Server Notifications V2), the filters of Get Notification
    /// History. A test checks that every value of Apple's Node library is here.
    /// </summary>
    internal static class NotificationTypes
    {
        public static readonly IReadOnlyList<string> Types = new[]
        {
            "CONSUMPTION_REQUEST", "DID_CHANGE_RENEWAL_PREF", "DID_CHANGE_RENEWAL_STATUS", "DID_FAIL_TO_RENEW", "DID_RENEW", "EXPIRED",
            "EXTERNAL_PURCHASE_TOKEN", "GRACE_PERIOD_EXPIRED", "METADATA_UPDATE", "MIGRATION", "OFFER_REDEEMED", "ONE_TIME_CHARGE",
            "PRICE_CHANGE", "PRICE_INCREASE", "REFUND", "REFUND_DECLINED", "REFUND_REVERSED", "RENEWAL_EXTENDED", "RENEWAL_EXTENSION",
            "RESCIND_CONSENT", "REVOKE", "SUBSCRIBED", "TEST",
        };

        /// <summary>
        /// The subtypes; ACTIVE_TOKEN_REMINDER and CREATED (of EXTERNAL_PURCHASE_TOKEN) are in Apple's documentation
        /// though not yet in Apple's Node library 3.1.0.
        /// </summary>
        public static readonly IReadOnlyList<string> Subtypes = new[]
        {
            "ACCEPTED", "ACTIVE_TOKEN_REMINDER", "AUTO_RENEW_DISABLED", "AUTO_RENEW_ENABLED", "BILLING_RECOVERY", "BILLING_RETRY",
            "CREATED", "DOWNGRADE", "FAILURE", "GRACE_PERIOD", "INITIAL_BUY", "PENDING", "PRICE_INCREASE", "PRODUCT_NOT_FOR_SALE",
            "RESUBSCRIBE", "SUMMARY", "UNREPORTED", "UPGRADE", "VOLUNTARY",
        };
    }
}
