using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using AppStoreJws.Json;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// The requests of the App Store Server API endpoints the typed cmdlets call: method, path, query (in the order
    /// Apple's libraries send it) and JSON body. Paging cursors (revision, paginationToken) are passed in, so one
    /// description serves every page.
    /// </summary>
    internal static partial class ServerApiOperations
    {
        public static ServerApiRequest TransactionInfo(string transactionId) =>
            new ServerApiRequest("GET", "/inApps/v1/transactions/" + ServerApiRequest.TransactionSegment(transactionId));

        /// <summary>Get Transaction History (v2); the same query goes with every page, plus the revision of the page before.</summary>
        public static ServerApiRequest TransactionHistory(string transactionId, TransactionHistoryQuery query, string? revision)
        {
            ServerApiRequest request = new ServerApiRequest("GET", "/inApps/v2/history/" + ServerApiRequest.TransactionSegment(transactionId))
                .AddQuery("revision", revision)
                .AddQuery("startDate", query.StartDate.HasValue ? ServerApiRequest.Milliseconds(query.StartDate.Value) : null)
                .AddQuery("endDate", query.EndDate.HasValue ? ServerApiRequest.Milliseconds(query.EndDate.Value) : null);
            AddEach(request, "productId", query.ProductIds);
            AddEach(request, "productType", query.ProductTypes);
            request.AddQuery("sort", query.Sort);
            AddEach(request, "subscriptionGroupIdentifier", query.SubscriptionGroupIdentifiers);
            request.AddQuery("inAppOwnershipType", query.InAppOwnershipType);
            request.AddQuery("revoked", query.Revoked.HasValue ? (query.Revoked.Value ? "true" : "false") : null);
            return request;
        }

        public static ServerApiRequest SubscriptionStatuses(string transactionId, IEnumerable<int>? statuses)
        {
            ServerApiRequest request = new ServerApiRequest("GET", "/inApps/v1/subscriptions/" + ServerApiRequest.TransactionSegment(transactionId));
            foreach (int status in statuses ?? Array.Empty<int>())
            {
                request.AddQuery("status", status.ToString(CultureInfo.InvariantCulture));
            }

            return request;
        }

        public static ServerApiRequest RefundHistory(string transactionId, string? revision) =>
            new ServerApiRequest("GET", "/inApps/v2/refund/lookup/" + ServerApiRequest.TransactionSegment(transactionId)).AddQuery("revision", revision);

        public static ServerApiRequest OrderLookup(string orderId) =>
            new ServerApiRequest("GET", "/inApps/v1/lookup/" + ServerApiRequest.Segment(orderId));

        public static ServerApiRequest AppTransactionInfo(string transactionId) =>
            new ServerApiRequest("GET", "/inApps/v1/transactions/appTransactions/" + ServerApiRequest.TransactionSegment(transactionId));

        public static ServerApiRequest TestNotificationStatus(string testNotificationToken) =>
            new ServerApiRequest("GET", "/inApps/v1/notifications/test/" + ServerApiRequest.Segment(testNotificationToken));

        /// <summary>Get Notification History: a POST whose body carries the filters, the page named in the query.</summary>
        public static ServerApiRequest NotificationHistory(NotificationHistoryQuery query, string? paginationToken)
        {
            OrderedDictionary body = new OrderedDictionary(StringComparer.Ordinal)
            {
                ["startDate"] = query.StartDate.ToUnixTimeMilliseconds(),
                ["endDate"] = query.EndDate.ToUnixTimeMilliseconds(),
            };
            AddIfSet(body, "notificationType", query.NotificationType);
            AddIfSet(body, "notificationSubtype", query.NotificationSubtype);
            AddIfSet(body, "transactionId", query.TransactionId);
            if (query.OnlyFailures)
            {
                body["onlyFailures"] = true;
            }

            return new ServerApiRequest("POST", "/inApps/v1/notifications/history")
            {
                BodyJson = PlainObjectJson.Write(body),
            }.AddQuery("paginationToken", paginationToken);
        }

        /// <summary>Send Consumption Information (v2).</summary>
        public static ServerApiRequest ConsumptionInformation(string transactionId, ConsumptionInformation information)
        {
            OrderedDictionary body = new OrderedDictionary(StringComparer.Ordinal)
            {
                ["customerConsented"] = information.CustomerConsented,
            };
            if (information.ConsumptionPercentage.HasValue)
            {
                body["consumptionPercentage"] = (long)information.ConsumptionPercentage.Value;
            }

            body["deliveryStatus"] = information.DeliveryStatus;
            AddIfSet(body, "refundPreference", information.RefundPreference);
            body["sampleContentProvided"] = information.SampleContentProvided;
            return new ServerApiRequest("PUT", "/inApps/v2/transactions/consumption/" + ServerApiRequest.TransactionSegment(transactionId))
            {
                BodyJson = PlainObjectJson.Write(body),
            };
        }

        private static void AddEach(ServerApiRequest request, string name, IEnumerable<string>? values)
        {
            foreach (string value in values ?? Array.Empty<string>())
            {
                request.AddQuery(name, value);
            }
        }

        private static void AddIfSet(OrderedDictionary body, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                body[name] = value;
            }
        }
    }

    /// <summary>The filters of Get Transaction History; null members are left out of the query.</summary>
    internal sealed class TransactionHistoryQuery
    {
        public DateTimeOffset? StartDate { get; set; }

        public DateTimeOffset? EndDate { get; set; }

        public IList<string>? ProductIds { get; set; }

        /// <summary>AUTO_RENEWABLE, NON_RENEWABLE, CONSUMABLE, NON_CONSUMABLE.</summary>
        public IList<string>? ProductTypes { get; set; }

        /// <summary>ASCENDING or DESCENDING.</summary>
        public string? Sort { get; set; }

        public IList<string>? SubscriptionGroupIdentifiers { get; set; }

        /// <summary>PURCHASED or FAMILY_SHARED.</summary>
        public string? InAppOwnershipType { get; set; }

        public bool? Revoked { get; set; }
    }

    /// <summary>The body of Get Notification History.</summary>
    internal sealed class NotificationHistoryQuery
    {
        public DateTimeOffset StartDate { get; set; }

        public DateTimeOffset EndDate { get; set; }

        public string? NotificationType { get; set; }

        public string? NotificationSubtype { get; set; }

        public string? TransactionId { get; set; }

        public bool OnlyFailures { get; set; }
    }

    /// <summary>The body of Send Consumption Information (v2).</summary>
    internal sealed class ConsumptionInformation
    {
        public bool CustomerConsented { get; set; }

        /// <summary>How much was consumed, in thousandths of a percent (0 to 100000).</summary>
        public int? ConsumptionPercentage { get; set; }

        /// <summary>DELIVERED or one of the UNDELIVERED_* reasons.</summary>
        public string DeliveryStatus { get; set; } = "DELIVERED";

        /// <summary>DECLINE, GRANT_FULL or GRANT_PRORATED; left out when null.</summary>
        public string? RefundPreference { get; set; }

        public bool SampleContentProvided { get; set; }
    }
}
