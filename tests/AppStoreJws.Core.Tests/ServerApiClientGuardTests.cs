using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AppStoreJws.Errors;
using AppStoreJws.ServerApi.Client;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>What the Server API client refuses before sending, how it reads Retry-After, and where paging stops.</summary>
    public class ServerApiClientGuardTests
    {
        private static readonly Uri Apple = new Uri("https://api.storekit.apple.com");

        [Theory]
        [InlineData("//evil.example/collect")]
        [InlineData("///x")]
        [InlineData("\\\\evil.example\\x")]
        [InlineData("/\\evil.example/x")]
        [InlineData("https://evil.example/x")]
        [InlineData("/inApps/../../x")]
        [InlineData("/inApps/%2e%2e/x")]
        [InlineData("/inApps/%2E%2e/%2fx")]
        [InlineData("/inApps/v1/./x")]
        [InlineData("/inApps//x")]
        [InlineData("/inApps/v1/x#frag")]
        public void RefusesAPathThatCouldLeaveTheBaseUrl(string path)
        {
            AppStoreJwsException error = Assert.Throws<AppStoreJwsException>(() => new ServerApiRequest("GET", path));
            Assert.Equal("UnsafeServerApiPath", error.ErrorId);
        }

        [Fact]
        public void KeepsEveryRequestOnTheBaseUrlsSchemeHostAndPort()
        {
            Uri baseUri = new Uri("http://127.0.0.1:8080/prefix/");
            Uri built = ServerApiUri.Build(baseUri, new ServerApiRequest("GET", "inApps/v1/transactions/1").AddQuery("q", "//evil.example"));
            Assert.Equal("127.0.0.1", built.Host);
            Assert.Equal(8080, built.Port);
            Assert.StartsWith("/prefix/inApps/v1/transactions/1", built.AbsolutePath, StringComparison.Ordinal);
        }

        [Fact]
        public void NeverPrintsAPasswordInTheBaseUrl()
        {
            Uri withPassword = new Uri("https://user:s3cret@example.com/");
            Assert.DoesNotContain("s3cret", ServerApiUri.Display(withPassword), StringComparison.Ordinal);
            AppStoreJwsException error = Assert.Throws<AppStoreJwsException>(() => AppStoreServerApiClient.ResolveBaseUri("Production", "ftp://user:s3cret@example.com/"));
            Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
            error = Assert.Throws<AppStoreJwsException>(() => AppStoreServerApiClient.ResolveBaseUri("Production", "http://user:s3cret@example.com/"));
            Assert.Equal("InsecureBaseUri", error.ErrorId);
            Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ReadsRetryAfterAsApplesUnixMillisecondsAsSecondsAndAsADate()
        {
            DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_002_500), RetryAfter("1800000002500", now));
            Assert.Equal(now.AddSeconds(120), RetryAfter("120", now));
            Assert.Equal(new DateTimeOffset(2027, 1, 15, 8, 0, 0, TimeSpan.Zero), RetryAfter("Fri, 15 Jan 2027 08:00:00 GMT", now));
            Assert.Null(RetryAfter("soon", now));
        }

        [Fact]
        public void RemovesABearerTokenAndControlsFromServerText()
        {
            string echoed = "\u001b[31m you sent Authorization: Bearer eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln and eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln";
            string safe = ServerApiFailures.Untrusted(echoed);
            Assert.DoesNotContain("eyJ", safe, StringComparison.Ordinal);
            Assert.DoesNotContain("\u001b", safe, StringComparison.Ordinal);
            Assert.Contains("\\u001B", safe, StringComparison.Ordinal);
        }

        [Fact]
        public async Task TheGateHoldsEveryRequestToAHostUntilTheTimeNamedAndRefusesAWaitBeyondItsBound()
        {
            RateLimitGate gate = new RateLimitGate { MaximumWait = TimeSpan.FromSeconds(5) };
            DateTimeOffset until = DateTimeOffset.UtcNow.AddMilliseconds(300);
            gate.Close("https://a", until);
            await gate.WaitAsync("https://b", "GET /x", CancellationToken.None);
            Assert.True(DateTimeOffset.UtcNow < until);
            await gate.WaitAsync("https://a", "GET /x", CancellationToken.None);
            Assert.True(DateTimeOffset.UtcNow >= until);

            DateTimeOffset far = DateTimeOffset.UtcNow.AddHours(2);
            gate.Close("https://a", far);
            AppStoreServerApiException error = await Assert.ThrowsAsync<AppStoreServerApiException>(() => gate.WaitAsync("https://a", "GET /x", CancellationToken.None));
            Assert.Equal("RateLimitExceeded", error.ErrorId);
            Assert.Equal(far, error.RetryAfter);
        }

        [Fact]
        public async Task TheGateWaitEndsWhenTheRunIsCancelled()
        {
            RateLimitGate gate = new RateLimitGate();
            gate.Close("https://a", DateTimeOffset.UtcNow.AddMinutes(10));
            using CancellationTokenSource stop = new CancellationTokenSource(100);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.WaitAsync("https://a", "GET /x", stop.Token));
        }

        [Fact]
        public void PagingStopsOnACursorSeenBefore()
        {
            int sent = 0;
            AppStoreServerApiException error = Assert.Throws<AppStoreServerApiException>(() => ServerApiPager.Pages(
                revision => ServerApiOperations.RefundHistory("1", revision),
                request => { sent++; return new ServerApiResponse(200, "{\"hasMore\":true,\"signedTransactions\":[],\"revision\":\"" + (sent % 2 == 0 ? "a" : "b") + "\"}"); },
                "revision", "signedTransactions").ToList());

            Assert.Equal("MalformedServerApiResponse", error.ErrorId);
            Assert.Equal(3, sent);
        }

        [Fact]
        public void PagingStopsAfterMorePagesThanAnyRealHistory()
        {
            int sent = 0;
            AppStoreServerApiException error = Assert.Throws<AppStoreServerApiException>(() => ServerApiPager.Pages(
                revision => ServerApiOperations.RefundHistory("1", revision),
                request => { sent++; return new ServerApiResponse(200, "{\"hasMore\":true,\"signedTransactions\":[],\"revision\":\"r" + sent + "\"}"); },
                "revision", "signedTransactions").ToList());

            Assert.Equal("MalformedServerApiResponse", error.ErrorId);
            Assert.Equal(ServerApiPager.MaximumPages, sent);
        }

        [Theory]
        [InlineData("{}")]
        [InlineData("{\"signedTransactions\":\"none\"}")]
        [InlineData("{\"revision\":\"x\"}")]
        public void AWrongShapedHistoryAnswerIsAnErrorNotAnEmptyHistory(string body)
        {
            AppStoreServerApiException error = Assert.Throws<AppStoreServerApiException>(() => ServerApiPager.Pages(
                revision => ServerApiOperations.RefundHistory("1", revision),
                request => new ServerApiResponse(200, body),
                "revision", "signedTransactions").ToList());
            Assert.Equal("MalformedServerApiResponse", error.ErrorId);
        }

        [Fact]
        public void NamesEveryCodeInPascalCaseAndKeepsUnknownCodesNumbered()
        {
            Assert.Equal("TransactionIdNotFound", AppleErrorCodes.ErrorIdOf(4040010));
            Assert.Equal("InvalidTransactionTypeNotSupported", AppleErrorCodes.ErrorIdOf(4000047));
            Assert.Equal("AppTransactionIdNotSupportedError", AppleErrorCodes.ErrorIdOf(4000048));
            Assert.Equal("AppStoreServerApiError4999999", AppleErrorCodes.ErrorIdOf(4999999));
            Assert.All(AppleErrorCodes.All, code => Assert.False(string.IsNullOrEmpty(AppleErrorCodes.ExplanationOf(code.Key))));
        }

        private static DateTimeOffset? RetryAfter(string value, DateTimeOffset now)
        {
            using HttpResponseMessage response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
            response.Headers.TryAddWithoutValidation("Retry-After", value);
            return ServerApiFailures.RetryAfterOf(response.Headers, now);
        }
    }
}
