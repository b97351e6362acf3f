using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AppStoreJws.Errors;
using AppStoreJws.Inspection;
using AppStoreJws.Json;
using AppStoreJws.Keys;
using AppStoreJws.Signing;
using AppStoreJws.StoreKit;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>The one signer, the one key loader and the decoder, checked with .NET's own ECDsa rather than the module's code.</summary>
    public class SigningTests
    {
        private const string IssuerId = "57246542-96fe-1a63-e053-0824d011072a";
        private static readonly Regex UuidV4 = new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

        private readonly ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        [Fact]
        public void SignsCompactJwsWith64ByteSignatureThatVerifies()
        {
            AppStoreKey key = Load();
            string token = Es256Signer.Sign(key, new ClaimSet().Add("a", "b").Add("n", 1L).Add("t", true).Add("s", new[] { "x", "y" }));

            string[] parts = token.Split('.');
            Assert.Equal(3, parts.Length);
            Assert.Equal("{\"alg\":\"ES256\",\"kid\":\"ABCDE12345\",\"typ\":\"JWT\"}", Text(parts[0]));
            Assert.Equal("{\"a\":\"b\",\"n\":1,\"t\":true,\"s\":[\"x\",\"y\"]}", Text(parts[1]));
            byte[] signature = Bytes(parts[2]);
            Assert.Equal(64, signature.Length);
            Assert.True(ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            Assert.DoesNotContain('=', token);
        }

        [Fact]
        public void WritesPlusAndAngleBracketsUnescapedAsApplesLibraryDoes()
        {
            string token = Es256Signer.Sign(Load(), new ClaimSet().Add("p", "a+b<c>&'"));
            Assert.Equal("{\"p\":\"a+b<c>&'\"}", Text(token.Split('.')[1]));
        }

        [Fact]
        public void PromotionalOfferHasBaseClaimsAndNoExp()
        {
            DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
            PromotionalOfferJws jws = StoreKitJwsFactory.CreatePromotionalOffer(
                Load(bundleId: "com.example.app"), new TokenIssuance(new RunIssuance { IssuedAt = at.AddMilliseconds(999) }), "p", "o", " ");

            string payload = Text(jws.Token.Split('.')[1]);
            Assert.StartsWith("{\"iss\":\"" + IssuerId + "\",\"iat\":1700000000,\"aud\":\"promotional-offer\",\"bid\":\"com.example.app\",\"nonce\":\"", payload);
            Assert.EndsWith("\",\"productId\":\"p\",\"offerIdentifier\":\"o\"}", payload);
            Assert.DoesNotContain("exp", payload);
            Assert.DoesNotContain("transactionId", payload);
            Assert.Matches(UuidV4, jws.Nonce);
        }

        [Fact]
        public void SigningFromManyThreadsWithOneKeyStaysCorrect()
        {
            AppStoreKey key = Load(bundleId: "com.example.app");
            string[] tokens = Enumerable.Range(0, 400).AsParallel().WithDegreeOfParallelism(8)
                .Select(i => StoreKitJwsFactory.CreatePromotionalOffer(key, new TokenIssuance(), "p" + i, "o", null).Token)
                .ToArray();

            foreach (string token in tokens)
            {
                string[] parts = token.Split('.');
                Assert.True(ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Bytes(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
            }

            Assert.Equal(tokens.Length, tokens.Select(t => Text(t.Split('.')[1])).Distinct().Count());
        }

        [Fact]
        public void NoncesAreLowercaseVersion4UuidsAndUnique()
        {
            string[] nonces = Enumerable.Range(0, 10_000).Select(_ => Nonce.New()).ToArray();
            Assert.All(nonces, nonce => Assert.Matches(UuidV4, nonce));
            Assert.Equal(nonces.Length, nonces.Distinct().Count());
        }

        [Theory]
        [InlineData("a.b", "JwsWrongPartCount")]
        [InlineData("", "JwsEmpty")]
        [InlineData("a=.b.c", "JwsBadBase64Url")]
        [InlineData("e30.e30.a", "JwsBadBase64Url")]
        [InlineData("bm90IGpzb24.e30.", "JwsBadJson")]
        [InlineData("WzFd.e30.", "JwsBadJson")]
        public void DecoderNamesEachMalformation(string token, string errorId)
        {
            AppStoreJwsException error = Assert.Throws<AppStoreJwsException>(() => JwsDecoder.Decode(token));
            Assert.Equal(errorId, error.ErrorId);
        }

        [Fact]
        public void DecoderRefusesHugeInput()
        {
            AppStoreJwsException error = Assert.Throws<AppStoreJwsException>(() => JwsDecoder.Decode(new string('a', CompactJws.MaximumTokenLength + 1)));
            Assert.Equal("JwsTooLarge", error.ErrorId);
        }

        [Fact]
        public void LoaderReportsRepairsWithoutKeyMaterial()
        {
            string pem = ecdsa.ExportPkcs8PrivateKeyPem();
            KeyLoadReport report = new KeyLoadReport();
            AppStoreKey key = AppStoreKeyLoader.LoadText("'" + pem.Replace("\n", "\\n") + "'", "test", new KeyIdentity { KeyId = "ABCDE12345" }, report);

            Assert.Equal("PKCS#8 PEM", report.Format);
            Assert.Contains("removed surrounding quotes", report.Repairs);
            Assert.Contains("converted literal \\n to line breaks", report.Repairs);
            string body = pem.Split('\n')[1];
            Assert.DoesNotContain(report.Repairs, repair => repair.Contains(body.Substring(0, 12)));
            Assert.Equal(ecdsa.ExportSubjectPublicKeyInfoPem().Replace("\r", string.Empty), key.PublicKeyPem);
        }

        [Fact]
        public void TestKeyFileIsAppStoreShapedPkcs8()
        {
            string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "appstorejws-test-" + Guid.NewGuid());
            try
            {
                string path = TestKeyFile.Write(folder, "TESTKEY001", overwrite: false);
                byte[] bytes = System.IO.File.ReadAllBytes(path);
                Assert.NotEqual(0xEF, bytes[0]);
                string text = Encoding.UTF8.GetString(bytes);
                Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", text);
                Assert.DoesNotContain("\r", text);

                using ECDsa imported = ECDsa.Create();
                imported.ImportFromPem(text);
                Assert.Equal(256, imported.KeySize);
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(System.IO.UnixFileMode.UserRead | System.IO.UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(path));
                }

                Assert.Equal("TestKeyFileExists", Assert.Throws<AppStoreJwsException>(() => TestKeyFile.Write(folder, "TESTKEY001", overwrite: false)).ErrorId);
            }
            finally
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }

        private AppStoreKey Load(string? bundleId = null) =>
            AppStoreKeyLoader.LoadText(ecdsa.ExportPkcs8PrivateKeyPem(), "test", new KeyIdentity { KeyId = "ABCDE12345", IssuerId = IssuerId, BundleId = bundleId }, new KeyLoadReport());

        private static byte[] Bytes(string base64Url)
        {
            string padded = base64Url.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
        }

        private static string Text(string base64Url) => Encoding.UTF8.GetString(Bytes(base64Url));

        [Theory]
        // Chars, not strings: a string attribute argument cannot hold a lone surrogate (the metadata stores UTF-8).
        [InlineData(1, 'a', '\uD800')]
        [InlineData(0, '\uDC00', 'a')]
        [InlineData(2, 'a', 'b', '\uD800', '\uD800', '\uDC00')]
        [InlineData(-1, 'a', '\uD83D', '\uDE00', 'b')]
        [InlineData(-1)]
        public void FindsTheFirstUnpairedSurrogate(int expected, params char[] chars)
        {
            string text = new string(chars);
            Assert.Equal(expected, AppStoreJws.Json.SignedText.FindUnpairedSurrogate(text));
        }

        [Fact]
        public void PlainJsonReadingStopsAtTheNodeBudget()
        {
            string wide = "[" + string.Join(",", System.Linq.Enumerable.Repeat("0", AppStoreJws.Json.PlainObjectJson.MaximumNodes)) + "]";
            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => AppStoreJws.Json.PlainObjectJson.Read(wide));
            Assert.Equal("RequestTooLarge", e.ErrorId);
            Assert.NotNull(AppStoreJws.Json.PlainObjectJson.Read("[" + string.Join(",", System.Linq.Enumerable.Repeat("0", 1000)) + "]"));
        }

        [Fact]
        public void SharedDictionariesAreCountedEachTimeTheyAreReached()
        {
            System.Collections.Hashtable node = new System.Collections.Hashtable { ["leaf"] = 1 };
            for (int i = 0; i < 30; i++)
            {
                node = new System.Collections.Hashtable { ["l"] = node, ["r"] = node };
            }

            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => AppStoreJws.Json.PlainObjectJson.RequireBoundedSize(node, "request", value => value));
            Assert.Equal("RequestTooLarge", e.ErrorId);
        }
    }
}
