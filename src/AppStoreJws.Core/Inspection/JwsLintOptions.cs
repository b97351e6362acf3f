using System;
using System.Collections.Generic;
using System.Linq;
using AppStoreJws.Errors;
using AppStoreJws.Keys;

namespace AppStoreJws.Inspection
{
    /// <summary>What the caller expects of a token, and how much clock difference to forgive.</summary>
    internal sealed class JwsLintOptions
    {
        /// <summary>Every audience an App Store token can have: the three StoreKit requests and Apple's server APIs.</summary>
        public static readonly IReadOnlyList<string> KnownAudiences = ClaimProfile.All.Select(profile => profile.Audience).ToList();

        /// <summary>The bid the token must carry.</summary>
        public string? BundleId { get; set; }

        /// <summary>The iss the token must carry (a UUID).</summary>
        public string? IssuerId { get; set; }

        /// <summary>The aud the token must carry.</summary>
        public string? Audience { get; set; }

        public TimeSpan ClockTolerance { get; set; } = Signing.ClockTolerance.Default;

        /// <summary>The time to judge iat and exp against; now when not set (tests fix it).</summary>
        public DateTimeOffset? Now { get; set; }

        /// <summary>Checks the settings once, before any token (a bad one is the caller's configuration, not a token defect).</summary>
        public void Validate()
        {
            if (ClockTolerance < TimeSpan.Zero || ClockTolerance > Signing.ClockTolerance.Maximum)
            {
                throw new AppStoreJwsException(ErrorIds.InvalidClockTolerance, ErrorKind.InvalidArgument,
                    $"ClockTolerance must be between 0 and {Signing.ClockTolerance.Maximum.TotalMinutes} minutes (it forgives a clock that runs ahead of this one); found {ClockTolerance}.");
            }

            if (IssuerId != null)
            {
                IssuerId = AppStoreIdentifiers.ValidateIssuerId(IssuerId);
            }

            if (BundleId != null)
            {
                AppStoreIdentifiers.ValidateBundleId(BundleId);
            }

            if (Audience != null && !KnownAudiences.Contains(Audience))
            {
                throw new AppStoreJwsException(ErrorIds.InvalidAudience, ErrorKind.InvalidArgument,
                    $"The audience '{Audience}' is not one Apple uses; expected one of {string.Join(", ", KnownAudiences)}.");
            }
        }
    }
}
