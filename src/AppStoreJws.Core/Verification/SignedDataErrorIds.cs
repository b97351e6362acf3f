namespace AppStoreJws.Verification
{
    /// <summary>
    /// The stable error ids of a verification failure, one per cause. Scripts match on them; only
    /// <see cref="RevocationCheckFailed"/> is worth retrying.
    /// </summary>
    internal static class SignedDataErrorIds
    {
        /// <summary>Not a compact JWS with a JSON header and payload, or a payload of no known kind.</summary>
        public const string MalformedSignedData = "MalformedSignedData";

        /// <summary>The header's x5c is missing or does not hold exactly three certificates.</summary>
        public const string InvalidChainLength = "InvalidChainLength";

        /// <summary>A certificate in x5c is not base64 DER X.509; online, a certificate names no OCSP responder or its responder's answer is signed by no authorised certificate.</summary>
        public const string InvalidCertificate = "InvalidCertificate";

        /// <summary>No path to a trusted root, a missing Apple OID, or a certificate outside its validity at the effective date.</summary>
        public const string InvalidChain = "InvalidChain";

        /// <summary>The algorithm is not ES256 or the signature does not verify with the leaf's key.</summary>
        public const string InvalidSignature = "InvalidSignature";

        /// <summary>The bundle ID or the app's Apple ID differs from the expected one.</summary>
        public const string InvalidAppIdentifier = "InvalidAppIdentifier";

        /// <summary>The payload's environment differs from the expected one, or is Xcode/LocalTesting data that was not expected.</summary>
        public const string InvalidEnvironment = "InvalidEnvironment";

        /// <summary>The OCSP responder could not be reached or gave no usable answer: retry later.</summary>
        public const string RevocationCheckFailed = "RevocationCheckFailed";

        /// <summary>The OCSP responder says the leaf or intermediate certificate is revoked.</summary>
        public const string Revoked = "Revoked";

        /// <summary>True for the failures that may pass when tried again (a network failure during the revocation check).</summary>
        public static bool IsRetryable(string errorId) => errorId == RevocationCheckFailed;
    }
}
