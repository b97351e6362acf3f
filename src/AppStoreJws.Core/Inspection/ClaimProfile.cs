using System;
using System.Collections.Generic;
using System.Linq;
using AppStoreJws.ServerApi;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Inspection
{
    /// <summary>Whether a claim must, may or must not appear in a token.</summary>
    /// <summary>The claims each audience defines (see docs/WireFormat.md), in the order the linter reports them.</summary>
    internal sealed class ClaimProfile
    {
        private static readonly KeyValuePair<string, Presence>[] StoreKitBase =
        {
            Claim("iss", Presence.Required), Claim("iat", Presence.Required), Claim("exp", Presence.Forbidden),
            Claim("aud", Presence.Required), Claim("bid", Presence.Required), Claim("nonce", Presence.Required),
        };

        internal static readonly IReadOnlyList<ClaimProfile> All = new[]
        {
            new ClaimProfile(StoreKitAudiences.PromotionalOffer, "a promotional offer signature", isBearer: false, StoreKitBase.Concat(new[]
            {
                Claim("productId", Presence.Required), Claim("offerIdentifier", Presence.Required), Claim("transactionId", Presence.Optional),
            })),
            new ClaimProfile(StoreKitAudiences.IntroductoryOfferEligibility, "an introductory offer eligibility signature", isBearer: false, StoreKitBase.Concat(new[]
            {
                Claim("productId", Presence.Required), Claim("allowIntroductoryOffer", Presence.Required), Claim("transactionId", Presence.Required),
            })),
            new ClaimProfile(StoreKitAudiences.AdvancedCommerce, "an Advanced Commerce API in-app request", isBearer: false, StoreKitBase.Concat(new[]
            {
                Claim("request", Presence.Required),
            })),

            // iss is required unless sub is "user" (an individual App Store Connect API key); the linter decides that per token.
            new ClaimProfile(ServerApiAudience.AppStoreConnect, "a bearer token for Apple's server APIs", isBearer: true, new[]
            {
                Claim("iss", Presence.Required), Claim("iat", Presence.Required), Claim("exp", Presence.Required), Claim("aud", Presence.Required),
                Claim("bid", Presence.Optional), Claim("sub", Presence.Optional), Claim("scope", Presence.Optional),
            }),
        };

        /// <summary>For a token whose audience is unknown: the common claims are checked when present, nothing is required.</summary>
        internal static readonly ClaimProfile Unknown = new ClaimProfile(string.Empty, "an App Store token", isBearer: false, new[]
        {
            Claim("iss", Presence.Optional), Claim("iat", Presence.Optional), Claim("bid", Presence.Optional), Claim("nonce", Presence.Optional),
        });

        internal static readonly IReadOnlyList<string> AllClaimNames = All.SelectMany(profile => profile.Claims.Keys).Distinct(StringComparer.Ordinal).ToList();

        private ClaimProfile(string audience, string description, bool isBearer, IEnumerable<KeyValuePair<string, Presence>> claims)
        {
            Audience = audience;
            Description = description;
            IsBearer = isBearer;
            Claims = claims.ToDictionary(claim => claim.Key, claim => claim.Value, StringComparer.Ordinal);
        }

        public string Audience { get; }

        /// <summary>What a token of this audience is, for messages ("a promotional offer signature").</summary>
        public string Description { get; }

        /// <summary>A bearer token for a server API, rather than a StoreKit request token.</summary>
        public bool IsBearer { get; }

        public IReadOnlyDictionary<string, Presence> Claims { get; }

        public bool IsKnown => Audience.Length > 0;

        public static ClaimProfile? Find(string? audience) =>
            All.FirstOrDefault(profile => string.Equals(profile.Audience, audience, StringComparison.Ordinal));

        public Presence? PresenceOf(string claim) => Claims.TryGetValue(claim, out Presence presence) ? presence : (Presence?)null;

        private static KeyValuePair<string, Presence> Claim(string name, Presence presence) => new KeyValuePair<string, Presence>(name, presence);
    }
}
