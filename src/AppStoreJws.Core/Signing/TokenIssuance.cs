using System;
using AppStoreJws.Errors;
using AppStoreJws.Keys;

namespace AppStoreJws.Signing
{
    /// <summary>
    /// When and for whom one token (or legacy signature) is issued: the run's <see cref="RunIssuance"/>, and what its
    /// row supplies, the bundle ID and, for the legacy signature, the nonce. A new one per row, since a row may be signed
    /// on a worker thread while the next one binds.
    /// </summary>
    internal sealed class TokenIssuance
    {
        public TokenIssuance(RunIssuance? run = null)
        {
            Run = run ?? new RunIssuance();
        }

        public RunIssuance Run { get; }

        /// <summary>The row's bundle ID; null or empty means the key's.</summary>
        public string? BundleId { get; set; }

        /// <summary>The row's own nonce (the legacy signature's rows carry one); null means the run's, else a fresh one.</summary>
        public string? Nonce { get; set; }

        /// <summary>Checks the run's settings and the row's nonce.</summary>
        public void Validate()
        {
            Run.Validate();
            RunIssuance.RequireUuidNonce(Nonce);
        }

        internal string ResolveBundleId(AppStoreKey key)
        {
            string? bundleId = string.IsNullOrEmpty(BundleId) ? key.BundleId : BundleId;
            if (bundleId == null)
            {
                throw new AppStoreJwsException(ErrorIds.BundleIdMissing, ErrorKind.InvalidArgument,
                    "No bundle ID: pass -BundleId (the app's bundle ID, such as com.example.app), or give the key a default with Get-AppStoreKey -BundleId.");
            }

            return AppStoreIdentifiers.ValidateBundleId(bundleId);
        }

        public static string ResolveIssuerId(AppStoreKey key)
        {
            if (key.IssuerId == null)
            {
                throw new AppStoreJwsException(ErrorIds.IssuerIdMissing, ErrorKind.InvalidArgument,
                    $"The key {key.KeyId} has no issuer ID, which this token carries as 'iss'. Load the key with Get-AppStoreKey -IssuerId <UUID>; " +
                    "the issuer ID is shown above the key list in App Store Connect (Users and Access, Integrations, In-App Purchase or App Store Connect API).");
            }

            return key.IssuerId;
        }

        internal DateTimeOffset ResolveIssuedAt() => Run.ResolveIssuedAt();

        internal string ResolveNonce()
        {
            string? nonce = Nonce ?? Run.Nonce;
            return nonce == null ? Signing.Nonce.New() : nonce.ToLowerInvariant();
        }
    }
}
