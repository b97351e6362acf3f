using System;
using AppStoreJws.Errors;
using AppStoreJws.Keys;

namespace AppStoreJws.Signing
{
    /// <summary>
    /// What holds for every token of a run: when it is issued and any fixed nonce. Defaults are Apple's: now, a fresh
    /// nonce, no backdating. <see cref="IssuedAt"/> and <see cref="Nonce"/> exist for tests; <see cref="ClockSkew"/> is
    /// for hosts whose clocks run fast. Checked once, so a bad setting stops the run before the first row.
    /// </summary>
    internal sealed class RunIssuance
    {
        /// <summary>The largest backdating accepted: more than this hides a broken clock rather than a fast one.</summary>
        public static readonly TimeSpan MaximumClockSkew = TimeSpan.FromMinutes(10);

        public DateTimeOffset? IssuedAt { get; set; }

        public TimeSpan ClockSkew { get; set; }

        public string? Nonce { get; set; }

        public void Validate()
        {
            if (ClockSkew < TimeSpan.Zero || ClockSkew > MaximumClockSkew)
            {
                throw new AppStoreJwsException(ErrorIds.InvalidClockSkew, ErrorKind.InvalidArgument,
                    $"ClockSkew must be between 0 and {MaximumClockSkew.TotalMinutes} minutes (it backdates iat for a host clock that runs fast); found {ClockSkew}.");
            }

            RequireUuidNonce(Nonce);
            if (IssuedAt != null)
            {
                IssuedAtRange.Resolve(IssuedAt.Value, ClockSkew, DateTimeOffset.UtcNow);
            }
        }

        internal static void RequireUuidNonce(string? nonce)
        {
            if (nonce != null && !AppStoreIdentifiers.IsUuid(nonce))
            {
                throw new AppStoreJwsException(ErrorIds.InvalidNonce, ErrorKind.InvalidArgument,
                    $"The nonce '{nonce}' is not a UUID; expected a UUID such as 3a4f0e2c-7f7a-4b5e-9c1d-2e8f6a7b9c0d.");
            }
        }

        internal DateTimeOffset ResolveIssuedAt()
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            return IssuedAtRange.Resolve(IssuedAt ?? now, ClockSkew, now);
        }
    }
}
