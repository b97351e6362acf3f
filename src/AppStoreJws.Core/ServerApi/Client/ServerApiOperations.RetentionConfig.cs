using System;
using System.Collections.Specialized;
using AppStoreJws.Errors;
using AppStoreJws.Json;
using AppStoreJws.ServerApi.Retention;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// The Retention Messaging API's configuration requests: the default message per product and locale, the real-time
    /// URL, and the performance test. Paths and bodies as Apple's Node library 3.1.0 sends them; message identifiers
    /// are sent as lowercase UUIDs, as Apple's documentation requires.
    /// </summary>
    internal static partial class ServerApiOperations
    {
        /// <summary>Configure Default Message: PUT with {"messageIdentifier": uuid}.</summary>
        public static ServerApiRequest ConfigureDefaultMessage(string productId, string locale, Guid messageIdentifier) =>
            new ServerApiRequest("PUT", DefaultMessagePath(productId, locale))
            {
                BodyJson = PlainObjectJson.Write(new OrderedDictionary { ["messageIdentifier"] = Lowercase(messageIdentifier) }),
            };

        public static ServerApiRequest GetDefaultMessage(string productId, string locale) =>
            new ServerApiRequest("GET", DefaultMessagePath(productId, locale));

        public static ServerApiRequest DeleteDefaultMessage(string productId, string locale) =>
            new ServerApiRequest("DELETE", DefaultMessagePath(productId, locale));

        /// <summary>Configure Realtime URL: PUT with {"realtimeURL": url}; anything but an absolute https URL is refused before sending.</summary>
        public static ServerApiRequest ConfigureRealtimeUrl(string url) =>
            new ServerApiRequest("PUT", RealtimeUrlPath)
            {
                BodyJson = PlainObjectJson.Write(new OrderedDictionary { ["realtimeURL"] = RequireHttpsUrl(url) }),
            };

        public static ServerApiRequest GetRealtimeUrl() => new ServerApiRequest("GET", RealtimeUrlPath);

        public static ServerApiRequest DeleteRealtimeUrl() => new ServerApiRequest("DELETE", RealtimeUrlPath);

        /// <summary>Initiate Performance Test: POST with {"originalTransactionId": digits}.</summary>
        public static ServerApiRequest InitiatePerformanceTest(string originalTransactionId)
        {
            Keys.AppStoreIdentifiers.ValidateTransactionId("originalTransactionId", originalTransactionId);
            return new ServerApiRequest("POST", "/inApps/v1/messaging/performanceTest")
            {
                BodyJson = PlainObjectJson.Write(new OrderedDictionary { ["originalTransactionId"] = originalTransactionId }),
            };
        }

        public static ServerApiRequest GetPerformanceTestResult(string requestId) =>
            new ServerApiRequest("GET", "/inApps/v1/messaging/performanceTest/result/" + ServerApiRequest.Segment(requestId));

        /// <summary>The one lowercase form of a message or image identifier (Guid "D" is lowercase; said here so no caller changes it).</summary>
        public static string Lowercase(Guid identifier) => identifier.ToString("D");

        /// <summary>
        /// The URL Apple will POST real-time requests to: absolute, https, with a host. Apple answers anything else with
        /// BAD_REQUEST_REALTIME_URL, and a customer who is about to cancel would see no message meanwhile.
        /// </summary>
        public static string RequireHttpsUrl(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed) || parsed.Host.Length == 0 || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
            {
                throw new AppStoreJwsException(ErrorIds.RealtimeUrlInvalid, ErrorKind.InvalidArgument,
                    $"The real-time URL {UntrustedText.Quote(url, 200)} is not an absolute https URL with a host; expected one such as https://example.com/retention.");
            }

            if (parsed.Scheme != Uri.UriSchemeHttps)
            {
                throw new AppStoreJwsException(ErrorIds.RealtimeUrlNotHttps, ErrorKind.InvalidArgument,
                    $"The real-time URL {UntrustedText.Quote(url, 200)} uses {parsed.Scheme}; Apple sends real-time requests over https only, so expected https://{parsed.Authority}{parsed.PathAndQuery}.");
            }

            return url;
        }

        private const string RealtimeUrlPath = "/inApps/v1/messaging/realtime/url";

        private static string DefaultMessagePath(string productId, string locale)
        {
            Keys.AppStoreIdentifiers.RequireIdentifier("productId", productId);
            Keys.AppStoreIdentifiers.RequireIdentifier("locale", locale);
            RetentionValues.RefuseMisspelledLocale(locale);
            return "/inApps/v1/messaging/default/" + ServerApiRequest.Segment(productId) + "/" + ServerApiRequest.Segment(locale);
        }
    }
}
