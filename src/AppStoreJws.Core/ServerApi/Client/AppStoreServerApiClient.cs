using System;
using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AppStoreJws.Errors;
using AppStoreJws.Json;
using AppStoreJws.Keys;
using AppStoreJws.Signing;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// Calls the App Store Server API: a fresh bearer token per request from <see cref="BearerTokenFactory"/>,
    /// one HttpClient for the whole process (connection reuse, the system proxy), Apple's errors as
    /// <see cref="AppStoreServerApiException"/>, and retries for the answers Apple marks as retryable.
    /// </summary>
    internal sealed class AppStoreServerApiClient
    {
        public const string ProductionBaseUri = "https://api.storekit.apple.com";

        public const string SandboxBaseUri = "https://api.storekit-sandbox.apple.com";

        // One client for every cmdlet call: sockets are reused and the system proxy applies. Timeouts are
        // per request (a CancellationTokenSource), since HttpClient.Timeout cannot change once it has been used.
        private static readonly Lazy<HttpClient> Shared = new Lazy<HttpClient>(() =>
            new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            });

        private static readonly ThreadLocal<Random> Jitter = new ThreadLocal<Random>(() => new Random(Guid.NewGuid().GetHashCode()));

        private readonly AppStoreKey key;
        private readonly string? bundleId;

        public AppStoreServerApiClient(AppStoreKey key, string? bundleId, Uri baseUri)
        {
            this.key = key ?? throw new ArgumentNullException(nameof(key));
            this.bundleId = bundleId;
            BaseUri = baseUri;

            // Fail before the first request when the key cannot make a token at all: one token is signed here, so a
            // problem with the run's values (a bundle ID that cannot be signed) stops the run instead of each request.
            TokenIssuance.ResolveIssuerId(key);
            new TokenIssuance { BundleId = bundleId }.ResolveBundleId(key);
            BearerTokenFactory.CreateServerApiToken(key, new TokenIssuance { BundleId = bundleId }, null);
        }

        public Uri BaseUri { get; }

        /// <summary>How many times an answer Apple marks as retryable is tried again (not counting the first try).</summary>
        public int MaximumRetryCount { get; set; } = 3;

        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>The first wait of the exponential backoff when Apple gives no Retry-After.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        public TimeSpan RetryMaximumDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Told each wait before a retry (the cmdlets show it as a verbose line); called from any thread.</summary>
        public Action<string>? OnRetry { get; set; }

        /// <summary>The base URL for an environment name (Production or Sandbox), or the given one after checking it is https (or plain http on a loopback address).</summary>
        public static Uri ResolveBaseUri(string environment, string? baseUri)
        {
            if (string.IsNullOrEmpty(baseUri))
            {
                return new Uri(string.Equals(environment, "Sandbox", StringComparison.OrdinalIgnoreCase) ? SandboxBaseUri : ProductionBaseUri);
            }

            if (!Uri.TryCreate(baseUri, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new AppStoreJwsException("InvalidBaseUri", ErrorKind.InvalidArgument,
                    $"The base URI '{baseUri}' is not an absolute http or https URL; expected for example https://api.storekit.apple.com.");
            }

            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
            {
                throw new AppStoreJwsException("InsecureBaseUri", ErrorKind.InvalidArgument,
                    $"The base URI '{baseUri}' is plain http on '{uri.Host}'; bearer tokens are only sent over https, or over http to a loopback address (127.0.0.1, ::1, localhost).");
            }

            return uri;
        }

        public ServerApiResponse Send(ServerApiRequest request, CancellationToken cancel = default) =>
            SendAsync(request, cancel).GetAwaiter().GetResult();

        public async Task<ServerApiResponse> SendAsync(ServerApiRequest request, CancellationToken cancel = default)
        {
            for (int attempt = 0; ; attempt++)
            {
                TimeSpan? retryAfter;
                AppStoreServerApiException failure;
                try
                {
                    return await SendOnceAsync(request, cancel).ConfigureAwait(false);
                }
                catch (RetryableAnswer answer)
                {
                    failure = answer.Failure;
                    retryAfter = answer.RetryAfter;
                }
                catch (AppStoreServerApiException e) when (e.StatusCode == 0 && !request.ChangesState)
                {
                    // No answer at all: safe to ask again only when the request changes nothing.
                    failure = e;
                    retryAfter = null;
                }

                if (attempt >= MaximumRetryCount)
                {
                    throw failure;
                }

                TimeSpan wait = retryAfter ?? Backoff(attempt);
                OnRetry?.Invoke(string.Format(CultureInfo.InvariantCulture,
                    "{0} {1}: {2} (HTTP {3}); waiting {4:0.###} s{5} before retry {6} of {7}.",
                    request.Method, request.Path, failure.ErrorId, failure.StatusCode, wait.TotalSeconds,
                    retryAfter.HasValue ? " as Retry-After asks" : "", attempt + 1, MaximumRetryCount));
                await Task.Delay(wait, cancel).ConfigureAwait(false);
            }
        }

        /// <summary>Exponential backoff with full jitter between half and all of the step, capped.</summary>
        private TimeSpan Backoff(int attempt)
        {
            double step = RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
            step = Math.Min(step, RetryMaximumDelay.TotalMilliseconds);
            return TimeSpan.FromMilliseconds(step * (0.5 + 0.5 * Jitter.Value!.NextDouble()));
        }

        private async Task<ServerApiResponse> SendOnceAsync(ServerApiRequest request, CancellationToken cancel)
        {
            // A fresh token per request, as Apple's libraries do: a long paging run never meets an expired one.
            AppStoreServerApiToken token = BearerTokenFactory.CreateServerApiToken(key, new TokenIssuance { BundleId = bundleId }, null);
            Uri uri = new Uri(BaseUri, BaseUri.AbsolutePath.TrimEnd('/') + request.PathAndQuery());
            using (HttpRequestMessage message = new HttpRequestMessage(new HttpMethod(request.Method), uri))
            using (CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                message.Headers.TryAddWithoutValidation("Authorization", token.Authorization);
                message.Headers.TryAddWithoutValidation("Accept", "application/json");
                message.Headers.TryAddWithoutValidation("User-Agent", "AppStoreJws");
                if (request.BodyJson != null)
                {
                    message.Content = new StringContent(request.BodyJson, Encoding.UTF8, "application/json");
                }

                timeout.CancelAfter(RequestTimeout);
                HttpResponseMessage response;
                try
                {
                    response = await Shared.Value.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!cancel.IsCancellationRequested)
                {
                    throw new AppStoreServerApiException("ServerApiTimeout", 0, null, null,
                        $"{request.Method} {request.Path}: no answer within {RequestTimeout.TotalSeconds:0.###} s (-TimeoutSec).", e);
                }
                catch (HttpRequestException e)
                {
                    throw new AppStoreServerApiException("ServerApiUnreachable", 0, null, null,
                        $"{request.Method} {request.Path}: could not reach {BaseUri.GetLeftPart(UriPartial.Authority)}: {e.GetBaseException().Message}", e);
                }

                using (response)
                {
                    string body = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    int status = (int)response.StatusCode;
                    if (status >= 200 && status < 300)
                    {
                        return new ServerApiResponse(status, body);
                    }

                    AppStoreServerApiException failure = Failure(request, status, body);
                    if (failure.IsRetryable)
                    {
                        throw new RetryableAnswer(failure, RetryAfter(response));
                    }

                    throw failure;
                }
            }
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta != null)
            {
                return header.Delta.Value;
            }

            if (header?.Date != null)
            {
                TimeSpan until = header.Date.Value - DateTimeOffset.UtcNow;
                return until > TimeSpan.Zero ? until : TimeSpan.Zero;
            }

            return null;
        }

        /// <summary>Maps an unsuccessful answer to the error users see: Apple's name for its code, and what usually causes it.</summary>
        public static AppStoreServerApiException Failure(ServerApiRequest request, int status, string body)
        {
            long? code = null;
            string? appleMessage = null;
            if (!string.IsNullOrWhiteSpace(body))
            {
                try
                {
                    if (PlainObjectJson.Read(body) is IDictionary members)
                    {
                        if (members["errorCode"] is long number)
                        {
                            code = number;
                        }

                        appleMessage = members["errorMessage"] as string;
                    }
                }
                catch (Exception e) when (e is System.Text.Json.JsonException || e is FormatException)
                {
                    // Not Apple's JSON (a proxy's page, say): report the status alone.
                }
            }

            string what = $"{request.Method} {request.Path}";
            if (code.HasValue)
            {
                string id = AppleErrorCodes.ErrorIdOf(code.Value);
                string hint = code == 4040010 || code == 4040005
                    ? " The transaction may belong to the other environment (a sandbox purchase asked of production): try -Environment Sandbox, or -FallbackToSandbox on the lookup cmdlets."
                    : "";
                return new AppStoreServerApiException(id, status, code, appleMessage,
                    $"{what}: Apple answered HTTP {status} with error {code} ({AppleErrorCodes.NameOf(code.Value) ?? "unknown code"}): {appleMessage}{hint}");
            }

            switch (status)
            {
                case 401:
                    return new AppStoreServerApiException("Unauthorized", status, null, null,
                        $"{what}: Apple answered HTTP 401 (no body): it refused the bearer token. Usual causes: an App Store Connect API key where an In-App Purchase key is needed, the wrong issuer ID or bundle ID, a host clock that runs fast (iat in Apple's future; see -ClockSkew of New-AppStoreServerApiToken), or, in production, an app with no approved release yet.");
                case 429:
                    return new AppStoreServerApiException("RateLimitExceeded", status, null, null, $"{what}: Apple answered HTTP 429: rate limit exceeded.");
                default:
                    return new AppStoreServerApiException("HttpStatus" + status.ToString(CultureInfo.InvariantCulture), status, null, null,
                        $"{what}: Apple answered HTTP {status} without an error code.");
            }
        }

        private sealed class RetryableAnswer : Exception
        {
            public RetryableAnswer(AppStoreServerApiException failure, TimeSpan? retryAfter)
            {
                Failure = failure;
                RetryAfter = retryAfter;
            }

            public AppStoreServerApiException Failure { get; }

            public TimeSpan? RetryAfter { get; }
        }
    }
}
