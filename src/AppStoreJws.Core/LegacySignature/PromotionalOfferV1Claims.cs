using AppStoreJws.Errors;
using AppStoreJws.Keys;

namespace AppStoreJws.LegacySignature
{
    /// <summary>
    /// Completes a claim to verify from what the caller knows: the key ID and bundle ID that were signed may be left
    /// out, and default to the verifying key's own; those defaults are also the alternatives worth trying when the
    /// signature fails with the values given (a signature made with the key's default bundle ID, not the beta app's).
    /// </summary>
    internal static class PromotionalOfferV1Claims
    {
        /// <param name="claim">The signed values other than the key ID and the bundle ID.</param>
        /// <param name="keyId">The key ID that was signed, if given.</param>
        /// <param name="bundleId">The bundle ID that was signed, if given (empty means not given).</param>
        /// <param name="verifyingKey">The key that verifies; its key ID, when known, is the default.</param>
        /// <param name="keyBundleId">The bundle ID of the key from Get-AppStoreKey, when the key was given as one.</param>
        public static PromotionalOfferV1Claim Complete(PromotionalOfferV1Claim claim, string? keyId, string? bundleId,
            JwsVerificationKey verifyingKey, string? keyBundleId)
        {
            string? signedKeyId = keyId ?? verifyingKey.KeyId;
            string? signedBundleId = string.IsNullOrEmpty(bundleId) ? keyBundleId : bundleId;
            if (signedKeyId == null || signedBundleId == null)
            {
                string missing = signedKeyId == null ? "key ID (-KeyId)" : "bundle ID (-BundleId)";
                throw new AppStoreJwsException(ErrorIds.SignedValueMissing, ErrorKind.InvalidArgument,
                    $"The {missing} that was signed is not known: pass it, or verify with the key object from Get-AppStoreKey.");
            }

            claim.KeyId = signedKeyId;
            claim.BundleId = signedBundleId;
            if (verifyingKey.KeyId != null)
            {
                claim.OtherKeyIds.Add(verifyingKey.KeyId);
            }

            if (keyBundleId != null)
            {
                claim.OtherBundleIds.Add(keyBundleId);
            }

            return claim;
        }
    }
}
