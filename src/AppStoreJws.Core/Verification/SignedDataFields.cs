using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;

namespace AppStoreJws.Verification
{
    /// <summary>Reads Apple's payloads: what kind each is, where a notification names its app, and dates as times.</summary>
    internal static class SignedDataFields
    {
        /// <summary>The kind told from the fields that set the kinds apart, or null when none fits.</summary>
        public static SignedDataKind? TellKind(IDictionary payload)
        {
            if (payload.Contains("notificationType") || payload.Contains("notificationUUID"))
            {
                return SignedDataKind.Notification;
            }

            // Transactions and renewal info carry appTransactionId too (since 2025): only app transactions have these.
            if (payload.Contains("receiptType") || payload.Contains("originalApplicationVersion") || payload.Contains("applicationVersion"))
            {
                return SignedDataKind.AppTransaction;
            }

            if (payload.Contains("requestIdentifier") && payload.Contains("userLocale") && !payload.Contains("bundleId"))
            {
                return SignedDataKind.RealtimeRequest;
            }

            if (payload.Contains("transactionId"))
            {
                return SignedDataKind.Transaction;
            }

            if (payload.Contains("autoRenewProductId") || payload.Contains("autoRenewStatus"))
            {
                return SignedDataKind.RenewalInfo;
            }

            return null;
        }

        /// <summary>
        /// The object that names a notification's app and environment (data, summary, externalPurchaseToken or
        /// appData, the first present, as Apple's libraries read it); the payload itself for the other kinds.
        /// </summary>
        internal static IDictionary? AppSection(SignedDataKind kind, IDictionary payload)
        {
            if (kind != SignedDataKind.Notification)
            {
                return payload;
            }

            foreach (string name in new[] { "data", "summary", "externalPurchaseToken", "appData" })
            {
                if (payload[name] is IDictionary section)
                {
                    return section;
                }
            }

            return null;
        }

        /// <summary>Where the environment was read from, for messages.</summary>
        internal static string? Environment(SignedDataKind kind, IDictionary payload, out string source)
        {
            source = "environment";
            if (kind == SignedDataKind.Notification && payload["data"] == null && payload["summary"] == null && payload["externalPurchaseToken"] is IDictionary token)
            {
                // External purchase tokens carry no environment: sandbox ones have an id starting with SANDBOX.
                source = "externalPurchaseToken.externalPurchaseId";
                return token["externalPurchaseId"] is string id && id.StartsWith("SANDBOX", StringComparison.Ordinal) ? "Sandbox" : "Production";
            }

            IDictionary? section = AppSection(kind, payload);
            if (kind == SignedDataKind.AppTransaction && section != null && !section.Contains("environment"))
            {
                source = "receiptType";
                return section["receiptType"] as string;
            }

            return section?["environment"] as string;
        }

        /// <summary>The time certificates are checked at offline: signedDate, or for an app transaction receiptCreationDate.</summary>
        internal static DateTimeOffset? SignedAt(SignedDataKind kind, IDictionary payload) =>
            ToTime(payload[kind == SignedDataKind.AppTransaction ? "receiptCreationDate" : "signedDate"]);

        /// <summary>Unix milliseconds as a time (<see cref="Json.AppleDates.ToTime"/>, the one conversion).</summary>
        public static DateTimeOffset? ToTime(object? value) => Json.AppleDates.ToTime(value);

        /// <summary>Every member named *Date holding a number becomes a time, at any depth (<see cref="Json.AppleDates"/>).</summary>
        internal static void ConvertDates(IDictionary fields) => Json.AppleDates.ConvertDates(fields);
    }
}
