using System.Collections.Generic;

namespace AppStoreJws.ServerApi
{
    /// <summary>Apple's numbered values in the App Store Server API, with the names Apple gives them.</summary>
    internal static class ServerApiCodes
    {
        /// <summary>The status of an auto-renewable subscription (the status filter and each subscription's status).</summary>
        public static readonly IReadOnlyDictionary<int, string> SubscriptionStatuses = new Dictionary<int, string>
        {
            [1] = "Active",
            [2] = "Expired",
            [3] = "BillingRetry",
            [4] = "BillingGracePeriod",
            [5] = "Revoked",
        };

        /// <summary>Why a renewal date is extended (extendReasonCode).</summary>
        public static readonly IReadOnlyDictionary<int, string> ExtendReasonCodes = new Dictionary<int, string>
        {
            [0] = "Undeclared",
            [1] = "CustomerSatisfaction",
            [2] = "Other",
            [3] = "ServiceIssueOrOutage",
        };
    }
}
