using System;
using System.Collections.Generic;
using System.Linq;

namespace AppStoreJws.Inspection
{
    /// <summary>Finds the known claim an unknown claim name was probably meant to be.</summary>
    internal static class ClaimNameSuggester
    {
        // Names people use instead of Apple's, keyed by their lowercase form without '_' or '-'. Edit distance finds
        // typos; these are the renamings it cannot find (offerId is eight edits from offerIdentifier).
        private static readonly Dictionary<string, string> KnownMistakes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["offer"] = "offerIdentifier",
            ["offerid"] = "offerIdentifier",
            ["promotionalofferid"] = "offerIdentifier",
            ["promotionalofferidentifier"] = "offerIdentifier",
            ["product"] = "productId",
            ["productidentifier"] = "productId",
            ["transaction"] = "transactionId",
            ["transactionidentifier"] = "transactionId",
            ["originaltransactionid"] = "transactionId",
            ["apptransactionid"] = "transactionId",
            ["bundle"] = "bid",
            ["bundleid"] = "bid",
            ["bundleidentifier"] = "bid",
            ["issuer"] = "iss",
            ["issuerid"] = "iss",
            ["audience"] = "aud",
            ["issuedat"] = "iat",
            ["issued"] = "iat",
            ["timestamp"] = "iat",
            ["expiresat"] = "exp",
            ["expiration"] = "exp",
            ["expires"] = "exp",
            ["expiry"] = "exp",
            ["expiresin"] = "exp",
            ["uuid"] = "nonce",
            ["allowintrooffer"] = "allowIntroductoryOffer",
            ["allowintroductory"] = "allowIntroductoryOffer",
            ["introductoryoffer"] = "allowIntroductoryOffer",
            ["introductoryoffereligible"] = "allowIntroductoryOffer",
            ["eligible"] = "allowIntroductoryOffer",
            ["requestdata"] = "request",
            ["advancedcommercedata"] = "request",
            ["subject"] = "sub",
            ["scopes"] = "scope",
        };

        private const int MaximumComparedLength = 40;

        private static readonly string[] HeaderMembers = { "alg", "kid", "typ", "keyid" };

        /// <summary>A short explanation of what <paramref name="name"/> should have been, or null when it resembles nothing known.</summary>
        public static string? Explain(string name, ClaimProfile profile)
        {
            string normalised = Normalise(name);
            if (HeaderMembers.Contains(normalised))
            {
                return $"'{name}' belongs in the JWS header, not the payload";
            }

            string? suggestion = Suggest(name, profile);
            if (suggestion != null)
            {
                return $"did you mean '{suggestion}'?";
            }

            ClaimProfile? owner = ClaimProfile.All.FirstOrDefault(other => other != profile && other.Claims.ContainsKey(name));
            return owner == null ? null : $"'{name}' belongs to {owner.Audience} tokens";
        }

        /// <summary>The claim of <paramref name="profile"/> that <paramref name="name"/> most likely stands for, or null.</summary>
        public static string? Suggest(string name, ClaimProfile profile)
        {
            IReadOnlyCollection<string> candidates = profile.IsKnown ? profile.Claims.Keys.ToList() : ClaimProfile.AllClaimNames;
            if (KnownMistakes.TryGetValue(Normalise(name), out string? renamed) && candidates.Contains(renamed))
            {
                return renamed;
            }

            // Claim names are short; a long unknown name resembles none of them (and is not worth a quadratic comparison).
            if (name.Length > MaximumComparedLength)
            {
                return null;
            }

            string lower = name.ToLowerInvariant();
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string candidate in candidates)
            {
                string candidateLower = candidate.ToLowerInvariant();
                int distance = Distance(lower, candidateLower);
                int allowed = candidate.Length <= 4 ? 1 : candidate.Length <= 8 ? 2 : 3;
                bool prefix = name.Length >= 5 && candidateLower.StartsWith(lower, StringComparison.Ordinal);
                if ((distance <= allowed || prefix) && distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best;
        }

        private static string Normalise(string name) => name.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();

        /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
        internal static int Distance(string a, string b)
        {
            int[,] d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (int j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }
    }
}
