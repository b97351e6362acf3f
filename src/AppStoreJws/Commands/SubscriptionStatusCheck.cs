using System.Collections;
using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Checks the unsigned members of a Get All Subscription Statuses answer against the signed transaction and renewal
    /// info beside them. The answer's wrapper is not signed: a proxy or a compromised server could say Active beside a
    /// verified transaction that expired. A contradiction is UnsignedFieldContradicted for that subscription.
    /// </summary>
    internal static class SubscriptionStatusCheck
    {
        // Apple's status is computed when it answers; a renewal being processed can trail expiresDate a little.
        private static readonly TimeSpan Margin = TimeSpan.FromHours(1);

        /// <summary>A signed member's value; dates come wrapped (their text is ISO 8601), so the wrapper is taken off.</summary>
        public static object? Signed(PSObject signed, string name) =>
            signed.Properties[name]?.Value is PSObject wrapped ? wrapped.BaseObject : signed.Properties[name]?.Value;

        public static void RequireConsistent(ServerApiRequest request, long status, PSObject transaction, PSObject? renewal, IDictionary answer, IDictionary group, IDictionary last)
        {
            Same(request, "subscriptionGroupIdentifier", group["subscriptionGroupIdentifier"], Signed(transaction, "subscriptionGroupIdentifier"));
            Same(request, "originalTransactionId", last["originalTransactionId"], Signed(transaction, "originalTransactionId"));
            Same(request, "environment", answer["environment"], Signed(transaction, "environment"));
            Same(request, "bundleId", answer["bundleId"], Signed(transaction, "bundleId"));

            DateTimeOffset now = DateTimeOffset.UtcNow;
            bool revoked = Signed(transaction, "revocationDate") != null;
            DateTimeOffset? expires = Signed(transaction, "expiresDate") as DateTimeOffset?;
            string? problem =
                status == 5 && !revoked ? "Revoked, but the signed transaction has no revocationDate"
                : revoked && status != 5 ? $"status {status}, but the signed transaction was revoked"
                : status == 1 && expires.HasValue && expires.Value < now - Margin ? $"Active, but the signed transaction expired at {expires.Value.UtcDateTime:u}"
                : status == 2 && expires.HasValue && expires.Value > now + Margin ? $"Expired, but the signed transaction runs until {expires.Value.UtcDateTime:u}"
                : (status == 3 || status == 4) && renewal != null && Signed(renewal, "isInBillingRetryPeriod") is bool retrying && !retrying
                    ? $"status {status} (billing retry or grace period), but the signed renewal info says isInBillingRetryPeriod false"
                : null;
            if (problem != null)
            {
                throw Contradicted(request, "status", problem);
            }
        }

        private static void Same(ServerApiRequest request, string name, object? unsigned, object? signed)
        {
            if (unsigned != null && signed != null && !string.Equals(Convert.ToString(unsigned, System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToString(signed, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                throw Contradicted(request, name, $"the answer's unsigned {name} '{ServerApiFailures.Untrusted(unsigned.ToString(), 80)}' differs from the signed '{ServerApiFailures.Untrusted(signed.ToString(), 80)}'");
            }
        }

        private static AppStoreServerApiException Contradicted(ServerApiRequest request, string name, string problem) =>
            new AppStoreServerApiException(ErrorIds.UnsignedFieldContradicted, 200, null, null,
                $"{ServerApiFailures.What(request)}: the answer's {name} is not signed and contradicts the signed data: {problem}. The subscription is not written; trust the signed Transaction and RenewalInfo (Get-AppStoreTransaction, Get-AppStoreTransactionHistory).");
    }
}
