using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using AppStoreJws.Checks;
using AppStoreJws.Inspection;
using AppStoreJws.Keys;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>The linter's rules at their boundaries, judged at a fixed time so limits can be tested to the second.</summary>
    public class JwsLinterTests
    {
        private const string KeyId = "2X9R4HXF34";
        private const string Issuer = "57246542-96fe-1a63-e053-0824d011072a";
        private const string Header = "{\"alg\":\"ES256\",\"kid\":\"2X9R4HXF34\",\"typ\":\"JWT\"}";
        private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

        private readonly ECDsa signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        private readonly JwsVerificationKey key;

        public JwsLinterTests()
        {
            key = JwsVerificationKey.FromPublicKeyText(signer.ExportSubjectPublicKeyInfoPem(), KeyId, "test");
        }

        [Theory]
        // CheckResult is internal and theory parameters must be public: the expected outcome comes in as object.
        [InlineData(3600, true, CheckResult.Pass)]
        [InlineData(3601, true, CheckResult.Fail)]
        [InlineData(1200, false, CheckResult.Pass)]
        [InlineData(1201, false, CheckResult.Fail)]
        public void BearerTokenLifetimeIsLimitedTo60MinutesWithBidAnd20Without(long lifetime, bool withBid, object expected)
        {
            string bid = withBid ? ",\"bid\":\"com.example.app\"" : string.Empty;
            JwsLintReport report = Lint($"{{\"iss\":\"{Issuer}\",\"iat\":{Now.ToUnixTimeSeconds()},\"exp\":{Now.ToUnixTimeSeconds() + lifetime},\"aud\":\"appstoreconnect-v1\"{bid}}}");

            Assert.Equal((CheckResult)expected, Check(report, JwsCheckNames.Expiration).Outcome);
        }

        [Theory]
        [InlineData(60, CheckResult.Pass)]
        [InlineData(61, CheckResult.Fail)]
        [InlineData(-86400, CheckResult.Pass)]
        public void IssuedAtMayBeAheadByTheToleranceOnly(long offset, object expected)
        {
            JwsLintReport report = Lint(PromotionalOffer(Now.ToUnixTimeSeconds() + offset));

            Assert.Equal((CheckResult)expected, Check(report, JwsCheckNames.IssuedAt).Outcome);
        }

        [Theory]
        [InlineData(946684799, CheckResult.Fail)]
        [InlineData(946684800, CheckResult.Pass)]
        public void IssuedAtBefore2000Fails(long iat, object expected)
        {
            JwsLintReport report = Lint(PromotionalOffer(iat));

            Assert.Equal((CheckResult)expected, Check(report, JwsCheckNames.IssuedAt).Outcome);
        }

        [Fact]
        public void AnExpiredBearerTokenIsForgivenOnlyWithinTheTolerance()
        {
            long iat = Now.ToUnixTimeSeconds() - 600;
            string Payload(long exp) => $"{{\"iss\":\"{Issuer}\",\"iat\":{iat},\"exp\":{exp},\"aud\":\"appstoreconnect-v1\"}}";

            Assert.Equal(CheckResult.Pass, Check(Lint(Payload(Now.ToUnixTimeSeconds() - 60)), JwsCheckNames.Expiration).Outcome);
            Assert.Contains("expired 61 seconds ago", Check(Lint(Payload(Now.ToUnixTimeSeconds() - 61)), JwsCheckNames.Expiration).Message);
        }

        [Theory]
        [InlineData("offerId", "offerIdentifier")]
        [InlineData("offer_identifier", "offerIdentifier")]
        [InlineData("offerIdentifer", "offerIdentifier")]
        [InlineData("productID", "productId")]
        [InlineData("transactionID", "transactionId")]
        [InlineData("bundleId", "bid")]
        public void AnUnknownClaimGetsTheClosestKnownName(string claim, string meant)
        {
            JwsLintReport report = Lint(PromotionalOffer(Now.ToUnixTimeSeconds(), $",\"{claim}\":\"x\""));

            Assert.Contains($"did you mean '{meant}'?", Check(report, JwsCheckNames.UnknownClaims).Message);
        }

        [Theory]
        [InlineData("allowIntroductoryOffer", "belongs to introductory-offer-eligibility tokens")]
        [InlineData("kid", "belongs in the JWS header")]
        [InlineData("flavour", "\"flavour\".")]
        public void AnUnknownClaimIsExplainedWhereItCan(string claim, string explanation)
        {
            JwsLintReport report = Lint(PromotionalOffer(Now.ToUnixTimeSeconds(), $",\"{claim}\":\"x\""));

            JwsCheck check = Check(report, JwsCheckNames.UnknownClaims);
            Assert.Equal(CheckResult.Fail, check.Outcome);
            Assert.Contains(explanation, check.Message);
        }

        [Fact]
        public void AnUnknownClaimInABearerTokenIsOnlyAWarning()
        {
            JwsLintReport report = Lint($"{{\"iss\":\"{Issuer}\",\"iat\":{Now.ToUnixTimeSeconds()},\"exp\":{Now.ToUnixTimeSeconds() + 300},\"aud\":\"appstoreconnect-v1\",\"jti\":\"1\"}}");

            Assert.Equal(CheckResult.Warning, Check(report, JwsCheckNames.UnknownClaims).Outcome);
            Assert.True(report.IsValid);
        }

        [Fact]
        public void ADerSignatureIsRecognisedAndVerifiedAfterConversion()
        {
            string signingInput = Segment(Header) + "." + Segment(PromotionalOffer(Now.ToUnixTimeSeconds()));
            byte[] der = signer.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

            JwsLintReport report = JwsLinter.Lint(signingInput + "." + Base64UrlEncoder.Encode(der), key, new JwsLintOptions { Now = Now });

            JwsCheck format = Check(report, JwsCheckNames.SignatureFormat);
            Assert.Equal(CheckResult.Fail, format.Outcome);
            Assert.StartsWith("DER-encoded signature; JWS needs 64-byte r‖s.", format.Message);
            Assert.Contains("Converted to r‖s it verifies", format.Message);
            Assert.Equal(CheckResult.Fail, Check(report, JwsCheckNames.Signature).Outcome);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(63)]
        [InlineData(65)]
        [InlineData(72)]
        public void ASignatureOfAnotherLengthFailsTheFormatCheck(int length)
        {
            string token = Segment(Header) + "." + Segment(PromotionalOffer(Now.ToUnixTimeSeconds())) + "." + Base64UrlEncoder.Encode(new byte[length]);

            JwsLintReport report = JwsLinter.Lint(token, key, new JwsLintOptions { Now = Now });

            Assert.Equal(CheckResult.Fail, Check(report, JwsCheckNames.SignatureFormat).Outcome);
            Assert.DoesNotContain("DER-encoded", Check(report, JwsCheckNames.SignatureFormat).Message);
        }

        [Fact]
        public void AGoodTokenPassesEveryCheck()
        {
            JwsLintReport report = Lint(PromotionalOffer(Now.ToUnixTimeSeconds()));

            Assert.True(report.IsValid, string.Join("\n", report.Checks));
            Assert.All(report.Checks, check => Assert.Equal(CheckResult.Pass, check.Outcome));
        }

        private static string PromotionalOffer(long iat, string extra = "") =>
            $"{{\"iss\":\"{Issuer}\",\"iat\":{iat},\"aud\":\"promotional-offer\",\"bid\":\"com.example.app\",\"nonce\":\"3a4f0e2c-7f7a-4b5e-9c1d-2e8f6a7b9c0d\"," +
            $"\"productId\":\"com.example.sub\",\"offerIdentifier\":\"WINBACK1\"{extra}}}";

        private static string Segment(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

        private static JwsCheck Check(JwsLintReport report, string name) => Assert.Single(report.Checks, check => check.Name == name);

        private JwsLintReport Lint(string payloadJson)
        {
            string signingInput = Segment(Header) + "." + Segment(payloadJson);
            byte[] signature = signer.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
            return JwsLinter.Lint(signingInput + "." + Base64UrlEncoder.Encode(signature), key, new JwsLintOptions { Now = Now });
        }
    }
}
