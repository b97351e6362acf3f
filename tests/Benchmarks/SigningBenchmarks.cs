using System.Collections.Generic;
using System.Security.Cryptography;
using AppStoreJws.LegacySignature;
using AppStoreJws.Signing;
using AppStoreJws.StoreKit;
using BenchmarkDotNet.Attributes;

namespace AppStoreJws.Benchmarks
{
    /// <summary>
    /// (1) the raw ECDSA rate the module can at best reach, (2) the core signer making whole promotional offer
    /// tokens, (5) the core's legacy v1 signature. One thread each; every token and signature gets a fresh nonce.
    /// </summary>
    [MemoryDiagnoser]
    public class SigningBenchmarks
    {
        private readonly TokenIssuance issuance = new TokenIssuance();
        private readonly List<string> warnings = new List<string>();
        private ECDsa raw = null!;
        private byte[] signingInput = null!;

        [GlobalSetup]
        public void Setup()
        {
            raw = BenchFixture.CreateRawSigner();
            signingInput = BenchFixture.SigningInput;
        }

        [GlobalCleanup]
        public void Cleanup() => raw.Dispose();

        /// <summary>ECDsa.SignData(P-256, SHA-256) over the signing input of a real token, reusing one ECDsa.</summary>
        [Benchmark(Baseline = true)]
        public byte[] RawSignData() => raw.SignData(signingInput, HashAlgorithmName.SHA256);

        /// <summary>A whole token: claims, fresh nonce, JSON, base64url, signature, result object.</summary>
        [Benchmark]
        public PromotionalOfferJws CorePromotionalOffer() =>
            StoreKitJwsFactory.CreatePromotionalOffer(BenchFixture.Key, issuance, BenchFixture.ProductId, BenchFixture.OfferIdentifier, BenchFixture.TransactionId);

        /// <summary>A legacy v1 signature (see docs/WireFormat.md) without an app account token, timestamped now: what Apple's Node creator is timed doing.</summary>
        [Benchmark]
        public PromotionalOfferSignatureV1 CoreLegacySignature() =>
            PromotionalOfferV1Signer.Create(BenchFixture.Key, issuance, BenchFixture.ProductId, BenchFixture.OfferIdentifier, null, null, warnings);
    }
}
