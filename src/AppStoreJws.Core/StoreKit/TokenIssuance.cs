using System;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.Signing;

namespace AppStoreJws.StoreKit
{
    /// <summary>
    /// When and for whom a token is issued. Defaults are Apple's: now, a fresh nonce, no backdating.
    /// <see cref="IssuedAt"/> and <see cref="Nonce"/> exist for tests; <see cref="ClockSkew"/> is for hosts whose clocks run fast.
    /// </summary>
    public sealed class TokenIssuance
    {
        /// <summary>The largest backdating accepted: more than this hides a broken clock rather than a fast one.</summary>
        public static readonly TimeSpan MaximumClockSkew = TimeSpan.FromMinutes(10);

        public string? BundleId { get; set; }

        public DateTimeOffset? IssuedAt { get; set; }

        public TimeSpan ClockSkew { get; set; }

        public string? Nonce { get; set; }

        /// <summary>Checks the settings that hold for a whole run (so a bad one stops it before the first row).</summary>
        public void Validate()
        {
            if (ClockSkew < TimeSpan.Zero || ClockSkew > MaximumClockSkew)
            {
                throw new AppStoreJwsException("InvalidClockSkew", ErrorKind.InvalidArgument,
                    $"ClockSkew must be between 0 and {MaximumClockSkew.TotalMinutes} minutes (it backdates iat for a host clock that runs fast); found {ClockSkew}.");
            }

            if (Nonce != null && !AppStoreIdentifiers.IsUuid(Nonce))
            {
                throw new AppStoreJwsException("InvalidNonce", ErrorKind.InvalidArgument,
                    $"The nonce '{Nonce}' is not a UUID; expected a UUID such as 3a4f0e2c-7f7a-4b5e-9c1d-2e8f6a7b9c0d.");
            }

            if (IssuedAt != null)
            {
                IssuedAtRange.Resolve(IssuedAt.Value, ClockSkew, DateTimeOffset.UtcNow);
            }
        }

        internal string ResolveBundleId(AppStoreKey key)
        {
            string? bundleId = string.IsNullOrEmpty(BundleId) ? key.BundleId : BundleId;
            if (bundleId == null)
            {
                throw new AppStoreJwsException("BundleIdMissing", ErrorKind.InvalidArgument,
                    "No bundle ID: pass -BundleId (the app's bundle ID, such as com.example.app), or give the key a default with Get-AppStoreKey -BundleId.");
            }

            return AppStoreIdentifiers.ValidateBundleId(bundleId);
        }

        public static string ResolveIssuerId(AppStoreKey key)
        {
            if (key.IssuerId == null)
            {
                throw new AppStoreJwsException("IssuerIdMissing", ErrorKind.InvalidArgument,
                    $"The key {key.KeyId} has no issuer ID, which this token carries as 'iss'. Load the key with Get-AppStoreKey -IssuerId <UUID>; " +
                    "the issuer ID is shown above the key list in App Store Connect (Users and Access, Integrations, In-App Purchase or App Store Connect API).");
            }

            return key.IssuerId;
        }

        internal DateTimeOffset ResolveIssuedAt()
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            return IssuedAtRange.Resolve(IssuedAt ?? now, ClockSkew, now);
        }

        internal string ResolveNonce() => Nonce == null ? Signing.Nonce.New() : Nonce.ToLowerInvariant();
    }
}
