namespace AppStoreJws.Inspection
{
    /// <summary>The stable names of the checks <see cref="JwsLinter"/> runs, in the order it reports them.</summary>
    internal static class JwsCheckNames
    {
        /// <summary>Three base64url parts with a JSON header and payload; when this fails it is the only check.</summary>
        public const string Structure = "Structure";

        /// <summary>No whitespace around the token: StoreKit receives the string exactly as given.</summary>
        public const string Whitespace = "Whitespace";

        /// <summary>The signature is the 64-byte r‖s JWS form, not DER or another length.</summary>
        public const string SignatureFormat = "SignatureFormat";

        /// <summary>The signature verifies as ES256 with the given key (whatever the header's alg says).</summary>
        public const string Signature = "Signature";

        public const string Algorithm = "Algorithm";

        public const string KeyId = "KeyId";

        public const string Type = "Type";

        public const string HeaderMembers = "HeaderMembers";

        /// <summary>No member name appears twice in the header or the payload.</summary>
        public const string DuplicateMembers = "DuplicateMembers";

        public const string Audience = "Audience";

        public const string Issuer = "Issuer";

        public const string IssuedAt = "IssuedAt";

        public const string Expiration = "Expiration";

        public const string BundleId = "BundleId";

        public const string Nonce = "Nonce";

        public const string ProductId = "ProductId";

        public const string OfferIdentifier = "OfferIdentifier";

        public const string TransactionId = "TransactionId";

        public const string AllowIntroductoryOffer = "AllowIntroductoryOffer";

        /// <summary>The Advanced Commerce request claim is standard base64 (not base64url, padded).</summary>
        public const string RequestEncoding = "RequestEncoding";

        /// <summary>The Advanced Commerce request passes the validation signing applies.</summary>
        public const string Request = "Request";

        public const string Subject = "Subject";

        public const string Scope = "Scope";

        /// <summary>No claim the audience does not define (misspellings get a suggestion).</summary>
        public const string UnknownClaims = "UnknownClaims";
    }
}
