using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AppStoreJws.Keys
{
    /// <summary>
    /// An App Store Connect private key, parsed once and reused for every token. Only public facts are
    /// exposed: the private scalar stays in private fields, so ToString(), formatting and serialisation
    /// (ConvertTo-Json, Export-Clixml) cannot reveal it.
    /// </summary>
    public sealed class AppStoreKey
    {
        private readonly ECParameters privateParameters;

        // ECDsa instances are not documented as safe for concurrent use; a small pool gives each signing
        // thread its own instance without a lock on the hot path.
        private readonly ConcurrentBag<ECDsa> signers = new ConcurrentBag<ECDsa>();

        internal AppStoreKey(ECParameters privateParameters, string keyId, string? issuerId, string? bundleId, string source, string format)
        {
            this.privateParameters = privateParameters;
            KeyId = keyId;
            IssuerId = issuerId;
            BundleId = bundleId;
            Source = source;
            Format = format;
            X = Base64UrlEncoder.Encode(privateParameters.Q.X);
            Y = Base64UrlEncoder.Encode(privateParameters.Q.Y);
            Thumbprint = PublicPoint.Thumbprint(privateParameters.Q);
            PublicKeyJwk = $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{X}\",\"y\":\"{Y}\",\"kid\":\"{keyId}\",\"use\":\"sig\",\"alg\":\"ES256\"}}";
            PublicKeyPem = KeyEncoding.ToPem(privateParameters.Q);
            JwsHeaderSegment = Encoding.ASCII.GetBytes(Base64UrlEncoder.Encode($"{{\"alg\":\"ES256\",\"kid\":\"{keyId}\",\"typ\":\"JWT\"}}"));
        }

        /// <summary>The 10-character key ID from App Store Connect; the JWS header's <c>kid</c>.</summary>
        public string KeyId { get; }

        /// <summary>The issuer ID (a UUID); the JWS <c>iss</c> claim. Null when not given.</summary>
        public string? IssuerId { get; }

        /// <summary>The default bundle ID for tokens signed with this key. Null when not given.</summary>
        public string? BundleId { get; }

        /// <summary>
        /// The app's Apple ID (App Store Connect's numeric app ID), which production data Apple signs carries; the Server
        /// API cmdlets check it when no -AppAppleId is given. Null when not given.
        /// </summary>
        public long? AppAppleId { get; internal init; }

        public string Curve => "P-256";

        public string Algorithm => "ES256";

        /// <summary>RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key: compare keys without showing them.</summary>
        public string Thumbprint { get; }

        /// <summary>The public key as SubjectPublicKeyInfo PEM, for verifiers such as OpenSSL.</summary>
        public string PublicKeyPem { get; }

        /// <summary>The public key as a JWK (JSON text).</summary>
        public string PublicKeyJwk { get; }

        /// <summary>Where the key came from: a file path, or the kind of input. Never the key text.</summary>
        public string Source { get; }

        /// <summary>The form the key text was found in, such as "PKCS#8 PEM".</summary>
        public string Format { get; }

        internal string X { get; }

        internal string Y { get; }

        /// <summary>ASCII of base64url({"alg":"ES256","kid":…,"typ":"JWT"}): the same for every token of this key.</summary>
        internal byte[] JwsHeaderSegment { get; }

        /// <summary>Signs <paramref name="data"/> with ECDSA P-256/SHA-256, returning the 64-byte r‖s (IEEE P1363) form.</summary>
        internal byte[] SignP1363(byte[] data, int offset, int count)
        {
            ECDsa ecdsa = RentSigner();
            try
            {
                return ecdsa.SignData(data, offset, count, HashAlgorithmName.SHA256);
            }
            finally
            {
                signers.Add(ecdsa);
            }
        }

        /// <summary>Creates an ECDsa holding only the public key, for verification.</summary>
        public ECDsa CreatePublicKey() => PublicPoint.CreateVerifier(privateParameters.Q);

        public override string ToString() =>
            $"{KeyId} (ES256 P-256, thumbprint {Thumbprint}{(IssuerId == null ? string.Empty : ", issuer " + IssuerId)})";

        private ECDsa RentSigner()
        {
            if (signers.TryTake(out ECDsa? ecdsa))
            {
                return ecdsa;
            }

            return ECDsa.Create(privateParameters);
        }
    }
}
