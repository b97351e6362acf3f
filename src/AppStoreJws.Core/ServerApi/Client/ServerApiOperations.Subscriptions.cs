using System.Collections.Generic;
using System.Collections.Specialized;
using AppStoreJws.Json;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>The requests of the endpoints that change a customer's purchase or ask after such a change.</summary>
    internal static partial class ServerApiOperations
    {
        /// <summary>Set App Account Token: the UUID an app gave at purchase, for an original transaction.</summary>
        public static ServerApiRequest SetAppAccountToken(string originalTransactionId, System.Guid appAccountToken) =>
            new ServerApiRequest("PUT", "/inApps/v1/transactions/" + ServerApiRequest.TransactionSegment(originalTransactionId, "originalTransactionId") + "/appAccountToken")
            {
                BodyJson = PlainObjectJson.Write(new OrderedDictionary { ["appAccountToken"] = appAccountToken.ToString("D") }),
            };

        /// <summary>Extend a Subscription Renewal Date for one customer; the request identifier makes a repeat harmless.</summary>
        public static ServerApiRequest ExtendRenewalDate(string originalTransactionId, int extendByDays, int reasonCode, string requestIdentifier) =>
            Identified(new ServerApiRequest("PUT", "/inApps/v1/subscriptions/extend/" + ServerApiRequest.TransactionSegment(originalTransactionId, "originalTransactionId")),
                Extension(extendByDays, reasonCode, requestIdentifier), requestIdentifier);

        /// <summary>Extend Subscription Renewal Dates for All Active Subscribers of a product (optionally in some storefronts).</summary>
        public static ServerApiRequest MassExtendRenewalDate(string productId, IList<string>? storefrontCountryCodes, int extendByDays, int reasonCode, string requestIdentifier)
        {
            OrderedDictionary body = Extension(extendByDays, reasonCode, requestIdentifier);
            body["productId"] = productId;
            if (storefrontCountryCodes != null && storefrontCountryCodes.Count > 0)
            {
                body["storefrontCountryCodes"] = new List<object?>(storefrontCountryCodes);
            }

            return Identified(new ServerApiRequest("POST", "/inApps/v1/subscriptions/extend/mass"), body, requestIdentifier);
        }

        /// <summary>Get Status of Subscription Renewal Date Extensions (a mass extension, by product and request identifier).</summary>
        public static ServerApiRequest RenewalExtensionStatus(string productId, System.Guid requestIdentifier) =>
            new ServerApiRequest("GET", "/inApps/v1/subscriptions/extend/mass/" + ServerApiRequest.Segment(productId) + "/" + requestIdentifier.ToString("D"));

        /// <summary>Request a Test Notification.</summary>
        public static ServerApiRequest RequestTestNotification() => new ServerApiRequest("POST", "/inApps/v1/notifications/test");

        private static OrderedDictionary Extension(int extendByDays, int reasonCode, string requestIdentifier) => new OrderedDictionary
        {
            ["extendByDays"] = (long)extendByDays,
            ["extendReasonCode"] = (long)reasonCode,
            ["requestIdentifier"] = requestIdentifier,
        };

        private static ServerApiRequest Identified(ServerApiRequest request, OrderedDictionary body, string requestIdentifier)
        {
            request.BodyJson = PlainObjectJson.Write(body);
            request.RequestIdentifier = requestIdentifier;
            return request;
        }
    }
}
