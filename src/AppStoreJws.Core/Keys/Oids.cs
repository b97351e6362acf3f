namespace AppStoreJws.Keys
{
    /// <summary>
    /// Every ASN.1 object identifier the module reads or writes, in one place: key algorithms and curves (what a key
    /// is), signature and hash algorithms (certificates and OCSP), and the X.509 and Apple extensions the chain checks read.
    /// </summary>
    internal static class Oids
    {
        // Key algorithms (RFC 5480, RFC 8017, RFC 8410, RFC 3279).
        public const string EcPublicKey = "1.2.840.10045.2.1";
        public const string Rsa = "1.2.840.113549.1.1.1";
        public const string RsaPss = "1.2.840.113549.1.1.10";
        public const string Ed25519 = "1.3.101.112";
        public const string Ed448 = "1.3.101.113";
        public const string X25519 = "1.3.101.110";
        public const string X448 = "1.3.101.111";
        public const string Dsa = "1.2.840.10040.4.1";

        // Named curves (RFC 5480, RFC 5639).
        public const string P256 = "1.2.840.10045.3.1.7";
        public const string P384 = "1.3.132.0.34";
        public const string P521 = "1.3.132.0.35";
        public const string Secp256k1 = "1.3.132.0.10";
        public const string P192 = "1.2.840.10045.3.1.1";
        public const string P224 = "1.3.132.0.33";
        public const string BrainpoolP256r1 = "1.3.36.3.3.2.8.1.1.7";

        // Signature algorithms of certificates and OCSP responses (RFC 5758, RFC 4055).
        public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
        public const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";
        public const string EcdsaWithSha512 = "1.2.840.10045.4.3.4";
        public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
        public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
        public const string Sha512WithRsa = "1.2.840.113549.1.1.13";

        // Hash algorithms of OCSP CertIDs.
        public const string Sha256 = "2.16.840.1.101.3.4.2.1";
        public const string Sha1 = "1.3.14.3.2.26";

        // X.509 and OCSP (RFC 5280, RFC 6960).
        public const string AuthorityInformationAccess = "1.3.6.1.5.5.7.1.1";
        public const string OcspAccessMethod = "1.3.6.1.5.5.7.48.1";
        public const string OcspBasicResponse = "1.3.6.1.5.5.7.48.1.1";
        public const string OcspSigning = "1.3.6.1.5.5.7.3.9";

        /// <summary>The extension every App Store signing leaf carries (Apple's "Mac App Store Receipt Signing").</summary>
        public const string AppleSigningLeaf = "1.2.840.113635.100.6.11.1";

        /// <summary>The extension of Apple Worldwide Developer Relations intermediates.</summary>
        public const string AppleWwdrIntermediate = "1.2.840.113635.100.6.2.1";

        /// <summary>A curve's name for messages, such as "P-384".</summary>
        public static string CurveName(string oid)
        {
            switch (oid)
            {
                case P256: return "P-256";
                case P384: return "P-384";
                case P521: return "P-521";
                case Secp256k1: return "secp256k1";
                case P192: return "P-192";
                case P224: return "P-224";
                case BrainpoolP256r1: return "brainpoolP256r1";
                default: return $"curve OID {oid}";
            }
        }
    }
}
