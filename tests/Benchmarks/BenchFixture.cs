using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using AppStoreJws.Keys;
using AppStoreJws.Signing;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Benchmarks
{
    /// <summary>
    /// One throwaway key and one realistic row, shared by every benchmark in the process (the benchmarks run
    /// in-process), so the raw figure signs exactly the bytes a real promotional offer token signs.
    /// </summary>
    internal static class BenchFixture
    {
        public const string IssuerId = "57246542-96fe-1a63-e053-0824d011072a";
        public const string BundleId = "com.example.bench";
        public const string ProductId = "com.example.subscription.tier1";
        public const string OfferIdentifier = "WINBACK1";
        public const string TransactionId = "2000000000000001";

        private static readonly Lazy<Fixture> Shared = new Lazy<Fixture>(Fixture.Create);

        public static AppStoreKey Key => Shared.Value.Key;

        /// <summary>The private key's PEM text, for the raw ECDsa baseline.</summary>
        public static string PrivateKeyPem => Shared.Value.Pem;

        /// <summary>ASCII of b64url(header) "." b64url(payload) of a real promotional offer token for the row above.</summary>
        public static byte[] SigningInput => Shared.Value.SigningInput;

        public static void Delete()
        {
            if (Shared.IsValueCreated)
            {
                Directory.Delete(Shared.Value.Folder, recursive: true);
            }
        }

        private sealed class Fixture
        {
            private Fixture(string folder, string pem, AppStoreKey key, byte[] signingInput)
            {
                Folder = folder;
                Pem = pem;
                Key = key;
                SigningInput = signingInput;
            }

            public string Folder { get; }

            public string Pem { get; }

            public AppStoreKey Key { get; }

            public byte[] SigningInput { get; }

            public static Fixture Create()
            {
                string folder = Path.Combine(Path.GetTempPath(), "appstorejws-bench-" + Guid.NewGuid().ToString("N"));
                string path = TestKeyFile.Write(folder, TestKeyFile.NewKeyId(), overwrite: false);
                AppStoreKey key = AppStoreKeyLoader.LoadFile(path, new KeyIdentity { IssuerId = IssuerId, BundleId = BundleId }, new KeyLoadReport());

                string token = StoreKitJwsFactory.CreatePromotionalOffer(key, new TokenIssuance(), ProductId, OfferIdentifier, TransactionId).Token;
                byte[] signingInput = Encoding.ASCII.GetBytes(token.Substring(0, token.LastIndexOf('.')));
                return new Fixture(folder, File.ReadAllText(path), key, signingInput);
            }
        }

        public static ECDsa CreateRawSigner()
        {
            ECDsa ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(PrivateKeyPem);
            return ecdsa;
        }
    }
}
