namespace AppStoreJws.Verification
{
    /// <summary>The stable names of the checks in a <see cref="SignedDataReport"/>, in the order they run.</summary>
    internal static class SignedDataCheckNames
    {
        /// <summary>Three base64url parts, JSON header and payload, a payload of a known kind.</summary>
        public const string Structure = "Structure";

        /// <summary>The header's alg is ES256.</summary>
        public const string Algorithm = "Algorithm";

        /// <summary>x5c holds three certificates.</summary>
        public const string ChainLength = "ChainLength";

        /// <summary>The certificates parse and chain leaf → intermediate → a trusted root held locally.</summary>
        public const string Chain = "Chain";

        /// <summary>The leaf carries 1.2.840.113635.100.6.11.1.</summary>
        public const string LeafOid = "LeafOid";

        /// <summary>The intermediate carries 1.2.840.113635.100.6.2.1.</summary>
        public const string IntermediateOid = "IntermediateOid";

        /// <summary>Leaf, intermediate and root are valid at the effective date.</summary>
        public const string Validity = "Validity";

        /// <summary>OCSP says leaf and intermediate are good (online only).</summary>
        public const string Revocation = "Revocation";

        /// <summary>The signature verifies with the leaf's P-256 key.</summary>
        public const string Signature = "Signature";

        public const string BundleId = "BundleId";

        public const string AppAppleId = "AppAppleId";

        public const string Environment = "Environment";
    }
}
