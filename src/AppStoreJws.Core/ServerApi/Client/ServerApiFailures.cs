using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AppStoreJws.Errors;
using AppStoreJws.Json;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// Turns an unsuccessful answer into the error users see: Apple's name and meaning for its code, or, for an answer
    /// that is not Apple's JSON (a proxy's HTML page), what the server at that host answered. Server text is quoted
    /// with controls escaped and any bearer token removed, since a server can echo the Authorization header.
    /// </summary>
    internal static class ServerApiFailures
    {
        // A bearer token in any form a server could echo: "Bearer <anything>", or a compact JWS/JWT on its own.
        private static readonly Regex BearerText = new Regex(@"Bearer\s+[^\s""',;]+|eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>Text from a server, safe to print: any bearer token replaced, controls escaped, length cut.</summary>
        public static string Untrusted(string? text, int maximumLength = UntrustedText.DefaultMaximumLength) =>
            UntrustedText.Quote(text == null ? null : BearerText.Replace(text, "[token removed]"), maximumLength);

        /// <summary>"GET /inApps/v1/...": the request as messages name it.</summary>
        public static string What(ServerApiRequest request) => request.Method + " " + UntrustedText.Quote(request.Path);

        public static AppStoreServerApiException FromAnswer(ServerApiRequest request, Uri baseUri, HttpResponseMessage response, string body)
        {
            int status = (int)response.StatusCode;
            string what = What(request);
            string host = ServerApiUri.Authority(baseUri);
            IReadOnlyDictionary<string, string> headers = HeadersOf(response);
            DateTimeOffset? retryAfter = RetryAfterOf(response.Headers, DateTimeOffset.UtcNow);
            string contentType = response.Content?.Headers.ContentType?.MediaType ?? "no content type";

            (long? code, string? appleMessage, bool isJson) = ReadAppleError(body);
            AppStoreServerApiException Make(string id, long? errorCode, string message) =>
                new AppStoreServerApiException(id, status, errorCode, appleMessage, message) { RetryAfter = retryAfter, Headers = headers };

            if (code.HasValue)
            {
                string name = AppleErrorCodes.NameOf(code.Value) ?? "a code this module does not know";
                string meaning = AppleErrorCodes.ExplanationOf(code.Value) is string explanation ? " " + explanation : "";
                return Make(AppleErrorCodes.ErrorIdOf(code.Value), code, string.Format(CultureInfo.InvariantCulture,
                    "{0}: Apple answered HTTP {1} with error {2} ({3}): {4}.{5}{6}",
                    what, status, code, name, appleMessage?.TrimEnd('.') ?? "no message", meaning, RetryAfterText(retryAfter)));
            }

            string answered = string.IsNullOrWhiteSpace(body) ? "with no body"
                : isJson ? "with JSON that carries no Apple error code"
                : $"with a body that is not Apple's JSON error ({Untrusted(contentType, 60)}, {body.Length} characters, beginning '{Untrusted(body, 80)}')";
            switch (status)
            {
                case 401:
                    return Make(ErrorIds.Unauthorized, null,
                        $"{what}: the server at {host} answered HTTP 401 {answered}: it refused the bearer token. Usual causes: an App Store Connect API key where an In-App Purchase key is needed, the wrong issuer ID or bundle ID, a host clock that runs fast (iat in the server's future; see -ClockSkew of New-AppStoreServerApiToken), or, in production, an app with no approved release yet (-FallbackToSandbox asks the sandbox then).");
                case 429:
                    return Make(ErrorIds.RateLimitExceeded, null, $"{what}: the server at {host} answered HTTP 429 (rate limit exceeded) {answered}.{RetryAfterText(retryAfter)}");
                default:
                    return Make(ErrorIds.HttpStatus + status.ToString(CultureInfo.InvariantCulture), null,
                        $"{what}: the server at {host} answered HTTP {status} {answered}.");
            }
        }

        /// <summary>A 3xx: redirects are never followed, since Apple does not redirect and the bearer token must not reach another host.</summary>
        public static AppStoreServerApiException Redirect(ServerApiRequest request, Uri baseUri, HttpResponseMessage response)
        {
            Uri? location = response.Headers.Location;
            string target = location == null ? "no Location"
                : location.IsAbsoluteUri ? "the host " + Untrusted(location.Host, 100)
                : "a path on the same host";
            return new AppStoreServerApiException(ErrorIds.ServerApiRedirect, (int)response.StatusCode, null, null,
                $"{What(request)}: the server at {ServerApiUri.Authority(baseUri)} answered HTTP {(int)response.StatusCode}, a redirect to {target}; redirects are not followed (Apple's API does not redirect, and the bearer token must not go anywhere else). Check -BaseUri.")
            {
                Headers = HeadersOf(response),
            };
        }

        /// <summary>
        /// When Retry-After says the next request may go: Apple sends a UNIX time in milliseconds; delta-seconds and an
        /// HTTP date (RFC 9110) are read too. A number of 10^11 or more is milliseconds since 1970 (as delta-seconds it
        /// would be three thousand years).
        /// </summary>
        public static DateTimeOffset? RetryAfterOf(HttpResponseHeaders headers, DateTimeOffset now)
        {
            if (!headers.TryGetValues("Retry-After", out IEnumerable<string>? values))
            {
                return null;
            }

            string text = string.Join(",", values).Trim();
            if (text.Length > 0 && text.Length <= 19 && text.All(c => c >= '0' && c <= '9')
                && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
            {
                if (number >= 100_000_000_000L)
                {
                    return number <= 253_402_300_799_999L ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.MaxValue;
                }

                return now.AddSeconds(number);
            }

            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date)
                || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                return date;
            }

            return null;
        }

        private static string RetryAfterText(DateTimeOffset? retryAfter) =>
            retryAfter.HasValue
                ? string.Format(CultureInfo.InvariantCulture, " Retry-After names {0:yyyy-MM-dd HH:mm:ss.fff} UTC.", retryAfter.Value.UtcDateTime)
                : "";

        private static (long? Code, string? Message, bool IsJson) ReadAppleError(string body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return (null, null, false);
            }

            try
            {
                if (PlainObjectJson.Read(body) is IDictionary members)
                {
                    long? code = members["errorCode"] is long number ? number : null;
                    return (code, members["errorMessage"] is string message ? Untrusted(message) : null, true);
                }

                return (null, null, true);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is FormatException || e is AppStoreJwsException || e is ArgumentException)
            {
                return (null, null, false);
            }
        }

        private static IReadOnlyDictionary<string, string> HeadersOf(HttpResponseMessage response)
        {
            Dictionary<string, string> headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            IEnumerable<KeyValuePair<string, IEnumerable<string>>> all = response.Content == null
                ? response.Headers
                : response.Headers.Concat(response.Content.Headers);
            foreach (KeyValuePair<string, IEnumerable<string>> header in all)
            {
                if (headers.Count >= 100)
                {
                    break;
                }

                headers[header.Key] = Untrusted(string.Join(", ", header.Value), 1000);
            }

            return headers;
        }
    }
}
