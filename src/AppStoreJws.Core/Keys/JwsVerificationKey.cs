using System.Security.Cryptography;

namespace AppStoreJws.Keys
{
    /// <summary>
    /// The public half of an App Store key, for verifying tokens: from an <see cref="AppStoreKey"/>, or from public
    /// key text (SubjectPublicKeyInfo PEM or a JWK). Thread-safe.
    /// </summary>
    internal sealed class JwsVerificationKey
    {
        private readonly ECDsa ecdsa;
        private readonly object gate = new object();

        private JwsVerificationKey(ECDsa ecdsa, string? keyId, string thumbprint, string source)
        {
            this.ecdsa = ecdsa;
            KeyId = keyId;
            Thumbprint = thumbprint;
            Source = source;
        }

        /// <summary>The key ID tokens signed with this key carry as kid; null when it is not known.</summary>
        public string? KeyId { get; }

        /// <summary>RFC 7638 JWK thumbprint (SHA-256, base64url), as on <see cref="AppStoreKey.Thumbprint"/>.</summary>
        public string Thumbprint { get; }

        public string Source { get; }

        public static JwsVerificationKey FromKey(AppStoreKey key) =>
            new JwsVerificationKey(key.CreatePublicKey(), key.KeyId, key.Thumbprint, key.Source);

        /// <summary>
        /// Reads public key text: SubjectPublicKeyInfo PEM (or its bare base64) or a JWK. <paramref name="keyId"/>, when
        /// given, is the key ID; otherwise a JWK's kid is used. Throws <see cref="Errors.AppStoreJwsException"/> naming the problem.
        /// </summary>
        public static JwsVerificationKey FromPublicKeyText(string text, string? keyId, string source)
        {
            if (keyId != null)
            {
                AppStoreIdentifiers.ValidateKeyId(keyId);
            }

            PublicKeyText read = PublicKeyReader.Read(text);
            ECDsa ecdsa = PublicKeyReader.Import(read.Point);
            return new JwsVerificationKey(ecdsa, keyId ?? read.KeyId, PublicPoint.Thumbprint(read.Point), source);
        }

        /// <summary>Verifies an ES256 signature in its JWS form, the 64-byte r‖s.</summary>
        internal bool VerifyP1363(byte[] data, byte[] signature)
        {
            lock (gate)
            {
                return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256);
            }
        }

        public override string ToString() => $"{KeyId ?? "(key ID unknown)"} (ES256 P-256 public key, thumbprint {Thumbprint})";
    }
}
