using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AppStoreJws.Errors;
using AppStoreJws.Http;
using AppStoreJws.Keys;
using AppStoreJws.Signing;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// Calls the App Store Server API: a fresh bearer token per request from <see cref="BearerTokenFactory"/>, the
    /// run's <see cref="ServerApiSession"/> (cancellation, the one rate-limit gate, the retry policy), answers read up
    /// to <see cref="MaximumBodyBytes"/>, redirects refused, and unsuccessful answers as <see cref="AppStoreServerApiException"/>.
    /// </summary>
    internal sealed class AppStoreServerApiClient
    {
        public const string ProductionBaseUri = "https://api.storekit.apple.com";

        public const string SandboxBaseUri = "https://api.storekit-sandbox.apple.com";

        /// <summary>The largest answer read (after decompression): thousands of times a real page of history.</summary>
        public const long MaximumBodyBytes = 16L * 1024 * 1024;

        // One client per process and route: sockets are reused. Redirects are never followed (a bearer token must not
        // reach another host), and connections are renewed so a DNS change is seen. Loopback never goes through a
        // proxy (the proxy would see the token of a plain-http test server); everything else uses the system proxy.
        // Timeouts are per request (a CancellationTokenSource), since HttpClient.Timeout cannot change once used.
        private static readonly Lazy<HttpClient> ThroughSystemProxy = new Lazy<HttpClient>(() => NewHttpClient(true));
        private static readonly Lazy<HttpClient> Direct = new Lazy<HttpClient>(() => NewHttpClient(false));

        private static readonly ThreadLocal<Random> Jitter = new ThreadLocal<Random>(() => new Random(Guid.NewGuid().GetHashCode()));

        private readonly AppStoreKey key;
        private readonly string? bundleId;
        private readonly string host;

        public AppStoreServerApiClient(AppStoreKey key, string? bundleId, Uri baseUri, ServerApiSession session)
        {
            this.key = key ?? throw new ArgumentNullException(nameof(key));
            this.bundleId = bundleId;
            BaseUri = baseUri;
            Session = session;
            host = ServerApiUri.Authority(baseUri);

            // Fail before the first request when the key cannot make a token at all: one token is signed here, so a
            // problem with the run's values (a bundle ID that cannot be signed) stops the run instead of each request.
            TokenIssuance.ResolveIssuerId(key);
            new TokenIssuance { BundleId = bundleId }.ResolveBundleId(key);
            BearerTokenFactory.CreateServerApiToken(key, new TokenIssuance { BundleId = bundleId }, null);
        }

        public Uri BaseUri { get; }

        public ServerApiSession Session { get; }

        /// <summary>The base URL for an environment name (Production or Sandbox), or the given one after checking it is https (or plain http on a loopback address).</summary>
        public static Uri ResolveBaseUri(string environment, string? baseUri)
        {
            if (string.IsNullOrEmpty(baseUri))
            {
                return new Uri(string.Equals(environment, "Sandbox", StringComparison.OrdinalIgnoreCase) ? SandboxBaseUri : ProductionBaseUri);
            }

            if (!Uri.TryCreate(baseUri, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new AppStoreJwsException(ErrorIds.InvalidBaseUri, ErrorKind.InvalidArgument,
                    $"The base URI '{ServerApiUri.RedactUserInfo(baseUri)}' is not an absolute http or https URL without query or fragment; expected for example https://api.storekit.apple.com.");
            }

            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            {
                throw new AppStoreJwsException(ErrorIds.InsecureBaseUri, ErrorKind.InvalidArgument,
                    $"The base URI '{ServerApiUri.Display(uri)}' is plain http on '{uri.Host}'; bearer tokens are only sent over https, or over http to a loopback address (127.0.0.1, ::1, localhost).");
            }

            return uri;
        }

        /// <summary>
        /// Sends a request through the run's rate-limit gate, trying again what may pass: 429 and Apple's *Retryable
        /// codes (Apple says those were not applied), and, for reads only, timeouts and connection failures. A write
        /// whose request may have arrived is never sent twice.
        /// </summary>
        public async Task<ServerApiResponse> SendAsync(ServerApiRequest request)
        {
            // Refused here, before any token is made, when the path would leave the base URL.
            Uri uri = ServerApiUri.Build(BaseUri, request);
            CancellationToken cancel = Session.Cancellation;
            Stopwatch elapsed = Stopwatch.StartNew();
            int retries = 0;
            int rateLimitWaits = 0;
            for (int attempt = 1; ; attempt++)
            {
                AppStoreServerApiException failure;
                await Session.Gate.WaitAsync(host, ServerApiFailures.What(request), cancel).ConfigureAwait(false);
                try
                {
                    return await SendOnceAsync(request, uri, cancel).ConfigureAwait(false);
                }
                catch (AppStoreServerApiException e) when (e.IsRetryable || (e.StatusCode == 0 && !request.ChangesState && e.ErrorId != ErrorIds.ServerApiResponseTooLarge))
                {
                    failure = e;
                }
                catch (AppStoreServerApiException e)
                {
                    throw Final(request, e, attempt, elapsed.Elapsed);
                }

                DateTimeOffset now = DateTimeOffset.UtcNow;
                bool named = failure.RetryAfter.HasValue && failure.RetryAfter.Value > now;
                if (named && failure.RetryAfter!.Value - now > Session.Gate.MaximumWait)
                {
                    Session.Gate.Close(host, failure.RetryAfter!.Value);
                    // The answer's status, code and headers stay on the error; the message says the time and the bound.
                    string tooLong = RateLimitGate.TooLong(ServerApiFailures.What(request), host, failure.RetryAfter.Value, Session.Gate.MaximumWait).Message;
                    throw Final(request, failure.With(tooLong), attempt, elapsed.Elapsed);
                }

                // A wait for a time the server named does not use up -MaximumRetryCount (a run under an hourly limit
                // would lose its inputs otherwise), but is bounded: one wait by MaximumWait, their number per request.
                if (named)
                {
                    Session.Gate.Close(host, failure.RetryAfter!.Value);
                }

                bool counted = !named || ++rateLimitWaits > Session.MaximumRateLimitWaits;
                if (Session.MaximumRetryCount == 0 || (counted && retries++ >= Session.MaximumRetryCount))
                {
                    throw Final(request, failure, attempt, elapsed.Elapsed);
                }

                if (named)
                {
                    Session.OnRetry?.Invoke(string.Format(CultureInfo.InvariantCulture,
                        "{0}: {1} (HTTP {2}); waiting {3:0.#} s as Retry-After asks, until {4:HH:mm:ss.fff} UTC: no request of this run goes to {5} before then.",
                        ServerApiFailures.What(request), failure.ErrorId, failure.StatusCode, (failure.RetryAfter!.Value - now).TotalSeconds,
                        failure.RetryAfter.Value.UtcDateTime, host));
                    continue;
                }

                TimeSpan wait = Backoff(retries - 1);
                Session.OnRetry?.Invoke(string.Format(CultureInfo.InvariantCulture,
                    "{0}: {1} (HTTP {2}); waiting {3:0.###} s before retry {4} of {5}.",
                    ServerApiFailures.What(request), failure.ErrorId, failure.StatusCode, wait.TotalSeconds, retries, Session.MaximumRetryCount));
                await Task.Delay(wait, cancel).ConfigureAwait(false);
            }
        }

        /// <summary>The failure as the user sees it: a timeout names the whole time spent; a write says whether it may have been applied.</summary>
        private static AppStoreServerApiException Final(ServerApiRequest request, AppStoreServerApiException failure, int attempts, TimeSpan elapsed)
        {
            string message = failure.Message;
            if (failure.ErrorId == ErrorIds.ServerApiTimeout && attempts > 1)
            {
                message += string.Format(CultureInfo.InvariantCulture, " {0} attempts, {1:0.#} s in all.", attempts, elapsed.TotalSeconds);
            }

            if (!request.ChangesState)
            {
                return message == failure.Message ? failure : failure.With(message);
            }

            // Apple's codes and statuses below 500 say the change was refused; no answer, a 5xx or a garbled success may hide one applied.
            bool mayHaveApplied = failure.StatusCode == 0 ? failure.ErrorId != ErrorIds.RateLimitExceeded && failure.ErrorId != ErrorIds.UnsafeServerApiPath
                : failure.StatusCode >= 500 && !failure.IsRetryable || (failure.StatusCode >= 200 && failure.StatusCode < 300);
            string identifier = request.RequestIdentifier != null ? $" (requestIdentifier {request.RequestIdentifier})" : "";
            message += mayHaveApplied
                ? $" The change may have been applied{identifier}: check its state before repeating it" + (request.RequestIdentifier != null ? "; repeating it with the same -RequestIdentifier lets Apple recognise it." : ".")
                : $" The change was not applied{identifier}.";
            return failure.With(message, request.RequestIdentifier, mayHaveApplied);
        }

        /// <summary>Exponential backoff with full jitter between half and all of the step, capped.</summary>
        private TimeSpan Backoff(int retry)
        {
            double step = Session.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, retry);
            step = Math.Min(step, Session.RetryMaximumDelay.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(step * (0.5 + 0.5 * Jitter.Value!.NextDouble()));
        }

        private async Task<ServerApiResponse> SendOnceAsync(ServerApiRequest request, Uri uri, CancellationToken cancel)
        {
            // A fresh token per request, as Apple's libraries do: a long paging run never meets an expired one.
            AppStoreServerApiToken token = BearerTokenFactory.CreateServerApiToken(key, new TokenIssuance { BundleId = bundleId }, null);
            HttpClient http = BaseUri.IsLoopback ? Direct.Value : ThroughSystemProxy.Value;
            string what = ServerApiFailures.What(request);
            using (HttpRequestMessage message = new HttpRequestMessage(new HttpMethod(request.Method), uri))
            using (CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                message.Headers.TryAddWithoutValidation("Authorization", token.Authorization);
                message.Headers.TryAddWithoutValidation("Accept", "application/json");
                message.Headers.TryAddWithoutValidation("User-Agent", "AppStoreJws");
                if (request.BodyJson != null)
                {
                    // Exactly application/json, as Apple's libraries send it: JSON is UTF-8 and has no charset parameter.
                    message.Content = new StringContent(request.BodyJson, Encoding.UTF8);
                    message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }
                else if (request.BodyBytes != null)
                {
                    message.Content = new ByteArrayContent(request.BodyBytes);
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.BodyContentType ?? "application/octet-stream");
                }

                timeout.CancelAfter(Session.RequestTimeout);
                try
                {
                    using (HttpResponseMessage response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
                    {
                        int status = (int)response.StatusCode;
                        if (status >= 300 && status < 400)
                        {
                            throw ServerApiFailures.Redirect(request, BaseUri, response);
                        }

                        byte[] bytes = await BoundedContent.ReadAsync(response.Content, MaximumBodyBytes, timeout.Token).ConfigureAwait(false);
                        string body = Encoding.UTF8.GetString(bytes);
                        if (status >= 200 && status < 300)
                        {
                            return new ServerApiResponse(status, body);
                        }

                        throw ServerApiFailures.FromAnswer(request, BaseUri, response, body);
                    }
                }
                catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
                {
                    throw new AppStoreServerApiException(ErrorIds.ServerApiTimeout, 0, null, null,
                        $"{what}: no complete answer from {host} within {Session.RequestTimeout.TotalSeconds:0.###} s (-TimeoutSec, per attempt).", e);
                }
                catch (BodyTooLargeException e)
                {
                    throw new AppStoreServerApiException(ErrorIds.ServerApiResponseTooLarge, 0, null, null,
                        $"{what}: the server at {host} answered with more than {MaximumBodyBytes / (1024 * 1024)} MiB ({e.Message}); the answer was read no further. A real answer is far smaller: check -BaseUri.", e);
                }
                catch (Exception e) when ((e is HttpRequestException || e is System.IO.IOException) && !cancel.IsCancellationRequested)
                {
                    throw new AppStoreServerApiException(ErrorIds.ServerApiUnreachable, 0, null, null,
                        $"{what}: could not reach {host}, or the answer broke off: {ServerApiFailures.Untrusted(e.GetBaseException().Message)}", e);
                }
            }
        }

        private static HttpClient NewHttpClient(bool useProxy) =>
            new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseProxy = useProxy,
                MaxResponseHeadersLength = 64,
            })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
    }
}
