using System;
using System.Collections.Generic;
using System.Linq;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>The operation names of the Advanced Commerce API, and which of them an app may sign.</summary>
    internal static class AdvancedCommerceOperations
    {
        internal const string CreateOneTimeCharge = "CREATE_ONE_TIME_CHARGE";
        internal const string CreateSubscription = "CREATE_SUBSCRIPTION";
        internal const string ModifySubscription = "MODIFY_SUBSCRIPTION";
        internal const string ReactivateSubscription = "REACTIVATE_SUBSCRIPTION";

        /// <summary>The only version of the in-app request objects.</summary>
        internal const string RequestVersion = "1";

        internal static readonly IReadOnlyDictionary<string, Type> InAppRequestTypes = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            [CreateOneTimeCharge] = typeof(OneTimeChargeCreateRequest),
            [CreateSubscription] = typeof(SubscriptionCreateRequest),
            [ModifySubscription] = typeof(SubscriptionModifyInAppRequest),
            [ReactivateSubscription] = typeof(SubscriptionReactivateInAppRequest),
        };

        internal static readonly string InAppList =
            string.Join(", ", CreateOneTimeCharge, CreateSubscription, ModifySubscription, ReactivateSubscription);

        // The server-to-server calls (cancel, revoke, refund, migrate, change price or metadata) have no operation
        // field of their own, so people invent names for them: any name built on these words is taken as one.
        private static readonly string[] ServerOnlyWords = { "CANCEL", "REVOKE", "REFUND", "MIGRATE", "PRICE", "METADATA" };

        internal static bool IsServerOnly(string operation) =>
            ServerOnlyWords.Any(word => operation.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);
    }
}
