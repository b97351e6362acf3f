using System;
using System.Collections.Specialized;
using System.Formats.Asn1;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using AppStoreJws.Checks;
using AppStoreJws.Errors;
using AppStoreJws.Inspection;
using AppStoreJws.Json;
using AppStoreJws.Verification;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>The verifier's rules at their boundaries, with a chain shaped like Apple's made here for each test class.</summary>
    public class SignedDataVerifierTests
    {
        private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_123);
        private readonly TestChain chain = TestChain.Create(SignedAt.AddDays(-30), SignedAt.AddDays(30));

        [Fact]
        public void TheEmbeddedRootIsAppleRootCaG3ByItsPublishedFingerprint()
        {
            using X509Certificate2 root = AppleRootCertificates.LoadAppleRootCaG3();
            Assert.Equal(AppleRootCertificates.AppleRootCaG3Sha256, Convert.ToHexString(SHA256.HashData(root.RawData)));
            Assert.Equal("63343ABFB89A6A03EBB57E9B3F5FA7BE7C4F5C756F3017B3A8C488C3653E9179", AppleRootCertificates.AppleRootCaG3Sha256);
            Assert.Equal("Apple Root CA - G3", root.GetNameInfo(X509NameType.SimpleName, false));
        }

        [AppleDataFact]
        public void TheEmbeddedRootIsTheReferenceCopy()
        {
            using X509Certificate2 root = AppleRootCertificates.LoadAppleRootCaG3();
            Assert.Equal(File.ReadAllBytes(AppleTestData.File("reference", "AppleRootCA-G3.cer")), root.RawData);
        }

        [AppleDataFact]
        public void RealSandboxRenewalInfoVerifiesWithTheDefaultOptions()
        {
            string jws = File.ReadAllText(AppleTestData.File("apple-test-vectors", "real", "renewal-info-sandbox-2023.jws"));
            SignedDataPayload payload = new SignedDataVerifier(new SignedDataVerifierOptions { Environment = "Sandbox" }).Verify(jws);
            Assert.Equal(SignedDataKind.RenewalInfo, payload.DataKind);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1684822778492), payload.EffectiveDate);
            Assert.True(payload.IsVerified);
        }

        [Fact]
        public void AGoodTransactionVerifiesAndDecodes()
        {
            SignedDataPayload payload = Verifier().Verify(chain.Sign(Transaction()));
            Assert.Equal(SignedDataKind.Transaction, payload.DataKind);
            Assert.Equal(SignedAt, payload.Fields["signedDate"]);
            Assert.Equal("2000000123456789", payload.Fields["transactionId"]);
            Assert.Equal(4990L, payload.Fields["price"]);
            Assert.Equal(SignedAt, payload.EffectiveDate);
        }

        [Theory]
        [InlineData(-59, true)]
        [InlineData(-61, false)]
        public void ValidityAllowsAppleOneMinuteOfSkewAfterTheLeafExpires(int secondsBeforeSigning, bool valid)
        {
            // The leaf expires secondsBeforeSigning relative to the effective date.
            TestChain shortLived = TestChain.Create(SignedAt.AddDays(-30), SignedAt.AddSeconds(secondsBeforeSigning));
            SignedDataReport report = Verifier(shortLived).Test(shortLived.Sign(Transaction()));
            Assert.Equal(valid ? CheckResult.Pass : CheckResult.Fail, Check(report, SignedDataCheckNames.Validity).Outcome);
            Assert.Equal(valid ? null : ErrorIds.InvalidChain, report.ErrorId);
        }

        [Fact]
        public void TheEffectiveDateOptionOverridesSignedDate()
        {
            string jws = chain.Sign(Transaction());
            SignedDataVerifierOptions options = Options(chain);
            options.EffectiveDate = SignedAt.AddDays(31);
            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => new SignedDataVerifier(options).Verify(jws));
            Assert.Equal(ErrorIds.InvalidChain, e.ErrorId);
            Assert.Contains("not at the effective date", e.Message);
        }

        [Fact]
        public void TheTokensOwnRootIsNeverTrustedEvenWhenItIsTheTrustedRootsTwin()
        {
            // An attacker's chain whose x5c[2] is the trusted root itself: the intermediate was not issued by it.
            TestChain attacker = TestChain.Create(SignedAt.AddDays(-30), SignedAt.AddDays(30));
            string jws = attacker.Sign(Transaction(), new[] { attacker.LeafBase64, attacker.IntermediateBase64, chain.RootBase64 });
            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => Verifier().Verify(jws));
            Assert.Equal(ErrorIds.InvalidChain, e.ErrorId);
        }

        [Fact]
        public void ARootWhosePathLengthAllowsNoIntermediateAnchorsNoPath()
        {
            // Each signature and name links, and the intermediate is a CA: only the root's pathLenConstraint 0 forbids it.
            TestChain constrained = TestChain.Create(SignedAt.AddDays(-30), SignedAt.AddDays(30), rootPathLength: 0);
            SignedDataReport report = Verifier(constrained).Test(constrained.Sign(Transaction()));
            JwsCheck path = Check(report, SignedDataCheckNames.Chain);
            Assert.Equal(CheckResult.Fail, path.Outcome);
            Assert.Contains("builds no path", path.Message);
            Assert.Equal(ErrorIds.InvalidChain, report.ErrorId);
        }

        [Fact]
        public void ATrustedRootGivenAsTheLeafIsNoPath()
        {
            string jws = chain.Sign(Transaction(), new[] { chain.RootBase64, chain.IntermediateBase64, chain.RootBase64 });
            SignedDataReport report = Verifier().Test(jws);
            Assert.Equal(CheckResult.Fail, Check(report, SignedDataCheckNames.Chain).Outcome);
            Assert.Equal(ErrorIds.InvalidChain, report.ErrorId);
        }

        [Fact]
        public void OnePayloadsChainIsEvaluatedOnceForAThousandPayloadsAcrossThreads()
        {
            SignedDataVerifier verifier = Verifier();
            string[] payloads = Enumerable.Range(0, 1000).Select(i => chain.Sign(Transaction($"{2000000000000000 + i}"))).ToArray();
            Parallel.ForEach(payloads, jws => Assert.Equal(SignedDataKind.Transaction, verifier.Verify(jws).DataKind));
            Assert.Equal(1, verifier.CachedChainCount);
        }

        [Fact]
        public void AChangedPayloadFailsTheSignatureEvenWhenTheChainIsCached()
        {
            SignedDataVerifier verifier = Verifier();
            string jws = chain.Sign(Transaction());
            verifier.Verify(jws);
            string[] parts = jws.Split('.');
            string changed = parts[0] + "." + TestChain.Base64Url(Encoding.UTF8.GetBytes(Transaction().Replace("4990", "1"))) + "." + parts[2];
            Assert.Equal(ErrorIds.InvalidSignature, Assert.Throws<AppStoreJwsException>(() => verifier.Verify(changed)).ErrorId);
        }

        [Theory]
        [InlineData("{\"notificationType\":\"TEST\",\"notificationUUID\":\"u\"}", SignedDataKind.Notification)]
        [InlineData("{\"transactionId\":\"1\",\"appTransactionId\":\"7\",\"productId\":\"p\"}", SignedDataKind.Transaction)]
        [InlineData("{\"autoRenewStatus\":1,\"appTransactionId\":\"7\"}", SignedDataKind.RenewalInfo)]
        [InlineData("{\"receiptType\":\"Sandbox\",\"appTransactionId\":\"7\"}", SignedDataKind.AppTransaction)]
        [InlineData("{\"originalTransactionId\":\"1\",\"requestIdentifier\":\"r\",\"userLocale\":\"en-US\",\"productId\":\"p\"}", SignedDataKind.RealtimeRequest)]
        public void TheKindIsToldFromTheFields(string json, object kind)
        {
            Assert.Equal((SignedDataKind)kind, SignedDataFields.TellKind((OrderedDictionary)Json.PlainObjectJson.Read(json)!));
        }

        [Theory]
        [InlineData(1697679936049.7297, 1697679936049L, 7297L)]
        [InlineData(1697679936056.485, 1697679936056L, 4850L)]
        public void FractionalMillisecondsBecomeTicks(double milliseconds, long whole, long ticks)
        {
            DateTimeOffset time = SignedDataFields.ToTime(milliseconds)!.Value;
            Assert.Equal(whole, time.ToUnixTimeMilliseconds());
            Assert.InRange(time.Ticks % TimeSpan.TicksPerMillisecond, ticks - 2, ticks + 2);
        }

        [Fact]
        public void NumbersOutsideTimeRangeAndNonNumbersStayAsTheyAre()
        {
            Assert.Null(SignedDataFields.ToTime(-62135769600001L));
            Assert.Null(SignedDataFields.ToTime("1700000000000"));
            Assert.Null(SignedDataFields.ToTime(double.NaN));
        }

        [Fact]
        public void ANotificationsNestedPayloadsAreVerifiedAndDecodedInPlace()
        {
            string nested = chain.Sign(Transaction());
            string notification = chain.Sign($"{{\"notificationType\":\"DID_RENEW\",\"notificationUUID\":\"u\",\"data\":{{\"bundleId\":\"com.example.app\",\"environment\":\"Sandbox\",\"signedTransactionInfo\":\"{nested}\",\"status\":1}},\"signedDate\":{SignedAt.ToUnixTimeMilliseconds()}}}");
            SignedDataPayload payload = Verifier().Verify(notification);
            OrderedDictionary data = (OrderedDictionary)payload.Fields["data"]!;
            Assert.Equal(new[] { "bundleId", "environment", "signedTransactionInfo", "Transaction", "status" }, data.Keys.Cast<string>());
            Assert.Equal(SignedDataKind.Transaction, ((SignedDataPayload)data["Transaction"]!).DataKind);

            TestChain other = TestChain.Create(SignedAt.AddDays(-30), SignedAt.AddDays(30));
            string bad = chain.Sign($"{{\"notificationType\":\"DID_RENEW\",\"notificationUUID\":\"u\",\"data\":{{\"signedTransactionInfo\":\"{other.Sign(Transaction())}\"}},\"signedDate\":{SignedAt.ToUnixTimeMilliseconds()}}}");
            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => Verifier().Verify(bad));
            Assert.Equal(ErrorIds.InvalidChain, e.ErrorId);
            Assert.StartsWith("data.signedTransactionInfo: ", e.Message);
        }

        [Fact]
        public void ProductionNeedsTheAppsAppleIdAndEnvironmentsAreSpelledAsApple()
        {
            Assert.Equal("AppAppleIdRequired", Assert.Throws<AppStoreJwsException>(() => new SignedDataVerifier(new SignedDataVerifierOptions { Environment = "production" })).ErrorId);
            Assert.Equal("EnvironmentUnknown", Assert.Throws<AppStoreJwsException>(() => new SignedDataVerifier(new SignedDataVerifierOptions { Environment = "Prod" })).ErrorId);
            SignedDataVerifierOptions options = Options(chain);
            options.Environment = "sandbox";
            new SignedDataVerifier(options).Verify(chain.Sign(Transaction()));
            Assert.Equal("Sandbox", options.Environment);
        }

        [Fact]
        public void TheOcspRequestAsksForTheLeafBySha256CertId()
        {
            byte[] request = OcspChecker.BuildRequest(chain.Leaf, chain.Intermediate);
            AsnReader certId = new AsnReader(request, AsnEncodingRules.DER).ReadSequence().ReadSequence().ReadSequence().ReadSequence().ReadSequence();
            Assert.Equal("2.16.840.1.101.3.4.2.1", certId.ReadSequence().ReadObjectIdentifier());
            Assert.Equal(SHA256.HashData(chain.Intermediate.SubjectName.RawData), certId.ReadOctetString());
            Assert.Equal(SHA256.HashData(chain.Intermediate.PublicKey.EncodedKeyValue.RawData), certId.ReadOctetString());
            Assert.Equal(chain.Leaf.SerialNumber, Convert.ToHexString(certId.ReadIntegerBytes().Span));
        }

        [Fact]
        public void OnlineWithoutAResponderIsInvalidCertificateNotANetworkFailure()
        {
            SignedDataVerifierOptions options = Options(chain);
            options.Online = true;
            options.EffectiveDate = SignedAt;
            SignedDataReport report = new SignedDataVerifier(options).Test(chain.Sign(Transaction()));
            Assert.Equal(CheckResult.Fail, Check(report, SignedDataCheckNames.Revocation).Outcome);
            Assert.Equal(ErrorIds.InvalidCertificate, report.ErrorId);
            Assert.False(SignedDataVerifier.IsRetryable(report.ErrorId!));
            Assert.True(SignedDataVerifier.IsRetryable(ErrorIds.RevocationCheckFailed));
        }

        [Fact]
        public void ProductionNeedsTheBundleIdTooForATransactionNamesNoAppleId()
        {
            SignedDataVerifierOptions options = Options(chain);
            options.Environment = "Production";
            options.AppAppleId = 1234567890;
            Assert.Equal("BundleIdRequired", Assert.Throws<AppStoreJwsException>(() => new SignedDataVerifier(options)).ErrorId);
            options.BundleId = "com.example.app";
            Assert.Equal(ErrorIds.InvalidEnvironment, Assert.Throws<AppStoreJwsException>(() => new SignedDataVerifier(options).Verify(chain.Sign(Transaction()))).ErrorId);
        }

        [Fact]
        public void TheVerifiersReaderRefusesNamesTwiceOrInTwoCasesWhereTheInspectorsKeepsThem()
        {
            Assert.Throws<JsonException>(() => PlainObjectJson.Read("{\"a\":{\"bundleId\":\"x\",\"BundleId\":\"y\"}}", refuseDuplicateNames: true));
            Assert.Equal(2, ((OrderedDictionary)PlainObjectJson.Read("{\"bundleId\":\"x\",\"BundleId\":\"y\"}")!).Count);
            OrderedDictionary last = (OrderedDictionary)PlainObjectJson.Read("{\"bundleId\":\"x\",\"bundleId\":\"y\"}")!;
            Assert.Equal("y", last["bundleId"]);
            Assert.Throws<JsonException>(() => PlainObjectJson.Read("{\"bundleId\":\"x\",\"bundleId\":\"y\"}", refuseDuplicateNames: true));
            string twice = Transaction().Replace("\"bundleId\":\"com.example.app\"", "\"bundleId\":\"com.other\",\"bundleId\":\"com.example.app\"");
            Assert.Equal(ErrorIds.MalformedSignedData, Assert.Throws<AppStoreJwsException>(() => Verifier().Verify(chain.Sign(twice))).ErrorId);
        }

        [Theory]
        [InlineData("over the bound")]
        [InlineData("white space")]
        [InlineData("garbage")]
        public void ACertificateTextThatIsNotOneCanonicalCertificateIsInvalidCertificate(string problem)
        {
            string leaf = problem switch
            {
                "over the bound" => Convert.ToBase64String(new byte[ChainEvaluation.MaximumCertificateBytes + 1]),
                "white space" => chain.LeafBase64.Insert(40, " "),
                _ => Convert.ToBase64String(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x07 }),
            };
            SignedDataReport report = Verifier().Test(chain.Sign(Transaction(), new[] { leaf, chain.IntermediateBase64, chain.RootBase64 }));
            Assert.Equal(ErrorIds.InvalidCertificate, report.ErrorId);
            Assert.StartsWith("The leaf (x5c[0]) is not a usable certificate", Check(report, SignedDataCheckNames.Chain).Message);
        }

        [Fact]
        public void ALeafOnAnUnknownCurveIsInvalidCertificateAndTheNextPayloadStillVerifies()
        {
            SignedDataVerifier verifier = Verifier();
            using X509Certificate2 unknownCurve = chain.IssueLeafOnCurve("1.3.132.0.99");
            string evil = chain.Sign(Transaction(), new[] { Convert.ToBase64String(unknownCurve.RawData), chain.IntermediateBase64, chain.RootBase64 });
            Assert.Equal(ErrorIds.InvalidCertificate, Assert.Throws<AppStoreJwsException>(() => verifier.Verify(evil)).ErrorId);
            SignedDataReport report = verifier.Test(evil);
            Assert.Equal(ErrorIds.InvalidCertificate, report.ErrorId);
            Assert.Equal(CheckResult.Fail, Check(report, SignedDataCheckNames.Chain).Outcome);
            Assert.True(verifier.Verify(chain.Sign(Transaction())).IsVerified);
        }

        [Theory]
        [InlineData("file:///etc/passwd")]
        [InlineData("ldap://127.0.0.1/cn=x")]
        [InlineData("http:relative")]
        public void OnlyHttpResponderUrlsAreAsked(string url)
        {
            using X509Certificate2 named = chain.IssueLeafWithResponder(url);
            RevocationStatus status = OcspChecker.Check(named, chain.Intermediate, "leaf", TimeSpan.FromSeconds(5));
            Assert.Equal(ErrorIds.InvalidCertificate, status.ErrorId);
            Assert.Contains("not an http or https URL", status.Message);
        }

        [Fact]
        public void AResponderThatFailedIsNotAskedAgainForAWhile()
        {
            // Nothing listens on the discard port: the connection is refused at once.
            using X509Certificate2 named = chain.IssueLeafWithResponder("http://127.0.0.1:9/" + Guid.NewGuid().ToString("N"));
            RevocationStatus first = OcspChecker.Check(named, chain.Intermediate, "leaf", TimeSpan.FromSeconds(5));
            RevocationStatus second = OcspChecker.Check(named, chain.Intermediate, "leaf", TimeSpan.FromSeconds(5));
            Assert.Equal(ErrorIds.RevocationCheckFailed, first.ErrorId);
            Assert.DoesNotContain("not asked again", first.Message);
            Assert.Equal(ErrorIds.RevocationCheckFailed, second.ErrorId);
            Assert.Contains("not asked again", second.Message);
        }

        [Fact]
        public void FoundationsDistantPastIsTheFirstDayDotNetHolds()
        {
            Assert.Equal(DateTimeOffset.MinValue, SignedDataFields.ToTime(-62135769600000L));
            Assert.Null(SignedDataFields.ToTime(-62135769600001L));
        }

        private static string Transaction(string id = "2000000123456789") =>
            $"{{\"transactionId\":\"{id}\",\"originalTransactionId\":\"2000000123456780\",\"bundleId\":\"com.example.app\",\"productId\":\"p\",\"price\":4990,\"signedDate\":{SignedAt.ToUnixTimeMilliseconds()},\"environment\":\"Sandbox\"}}";

        private SignedDataVerifier Verifier(TestChain? from = null) => new SignedDataVerifier(Options(from ?? chain));

        private static SignedDataVerifierOptions Options(TestChain from) => new SignedDataVerifierOptions { TrustedRoots = new[] { from.Root } };

        private static JwsCheck Check(SignedDataReport report, string name) => report.Checks.Single(check => check.Name == name);
    }

    /// <summary>A root, an intermediate with Apple's intermediate OID and a leaf with Apple's leaf OID, and JWS signed by the leaf.</summary>
    internal sealed class TestChain
    {
        private TestChain(X509Certificate2 root, X509Certificate2 intermediate, X509Certificate2 leaf, ECDsa leafKey)
        {
            Root = root;
            Intermediate = intermediate;
            Leaf = leaf;
            LeafKey = leafKey;
        }

        public X509Certificate2 Root { get; }

        public X509Certificate2 Intermediate { get; }

        public X509Certificate2 Leaf { get; }

        public ECDsa LeafKey { get; }

        public string RootBase64 => Convert.ToBase64String(Root.RawData);

        public string IntermediateBase64 => Convert.ToBase64String(Intermediate.RawData);

        public string LeafBase64 => Convert.ToBase64String(Leaf.RawData);

        /// <param name="rootPathLength">The root's path length constraint; 0 allows no intermediate CA below it.</param>
        public static TestChain Create(DateTimeOffset leafNotBefore, DateTimeOffset leafNotAfter, int? rootPathLength = null)
        {
            DateTimeOffset from = leafNotBefore.AddYears(-1);
            DateTimeOffset to = leafNotAfter.AddYears(1);
            ECDsa rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            CertificateRequest rootRequest = new CertificateRequest("CN=xUnit Root", rootKey, HashAlgorithmName.SHA384);
            rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, rootPathLength != null, rootPathLength ?? 0, true));
            X509Certificate2 root = rootRequest.CreateSelfSigned(from, to);

            ECDsa intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
            CertificateRequest intermediateRequest = new CertificateRequest("CN=xUnit Intermediate", intermediateKey, HashAlgorithmName.SHA384);
            intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            intermediateRequest.CertificateExtensions.Add(new X509Extension("1.2.840.113635.100.6.2.1", new byte[] { 5, 0 }, false));
            X509Certificate2 intermediate = intermediateRequest.Create(root, from, to, new byte[] { 1, 2, 3, 4 }).CopyWithPrivateKey(intermediateKey);

            ECDsa leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            CertificateRequest leafRequest = new CertificateRequest("CN=xUnit Leaf", leafKey, HashAlgorithmName.SHA256);
            leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            leafRequest.CertificateExtensions.Add(new X509Extension("1.2.840.113635.100.6.11.1", new byte[] { 5, 0 }, false));
            X509Certificate2 leaf = leafRequest.Create(intermediate, leafNotBefore, leafNotAfter, new byte[] { 5, 6, 7, 8 });
            return new TestChain(root, intermediate, leaf, leafKey);
        }

        public string Sign(string payloadJson, string[]? x5c = null)
        {
            string header = "{\"alg\":\"ES256\",\"x5c\":[" + string.Join(",", (x5c ?? new[] { LeafBase64, IntermediateBase64, RootBase64 }).Select(c => "\"" + c + "\"")) + "]}";
            string signingInput = Base64Url(Encoding.UTF8.GetBytes(header)) + "." + Base64Url(Encoding.UTF8.GetBytes(payloadJson));
            return signingInput + "." + Base64Url(LeafKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256));
        }

        /// <summary>A leaf like this chain's whose Authority Information Access names <paramref name="url"/> as its OCSP responder.</summary>
        public X509Certificate2 IssueLeafWithResponder(string url)
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            CertificateRequest request = new CertificateRequest("CN=xUnit Leaf With Responder", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(new[] { url }, null, false));
            return request.Create(Intermediate, Leaf.NotBefore, Leaf.NotAfter, new byte[] { 9, 9, 9, 9 });
        }

        /// <summary>A leaf issued by this chain's intermediate whose EC key names <paramref name="curveOid"/>, a curve no platform may know.</summary>
        public X509Certificate2 IssueLeafOnCurve(string curveOid)
        {
            ECParameters point = LeafKey.ExportParameters(false);
            AsnWriter spki = new AsnWriter(AsnEncodingRules.DER);
            spki.PushSequence();
            spki.PushSequence();
            spki.WriteObjectIdentifier("1.2.840.10045.2.1");
            spki.WriteObjectIdentifier(curveOid);
            spki.PopSequence();
            spki.WriteBitString(new byte[] { 4 }.Concat(point.Q.X!).Concat(point.Q.Y!).ToArray());
            spki.PopSequence();
            PublicKey key = PublicKey.CreateFromSubjectPublicKeyInfo(spki.Encode(), out _);
            CertificateRequest request = new CertificateRequest(new X500DistinguishedName("CN=xUnit Leaf On Another Curve"), key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509Extension("1.2.840.113635.100.6.11.1", new byte[] { 5, 0 }, false));
            using ECDsa issuerKey = Intermediate.GetECDsaPrivateKey()!;
            return request.Create(Intermediate.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), Leaf.NotBefore, Leaf.NotAfter, new byte[] { 7, 7, 7, 7 });
        }

        public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
