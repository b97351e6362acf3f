using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using AppStoreJws.Checks;
using AppStoreJws.Json;

namespace AppStoreJws.Inspection
{
    /// <summary>
    /// Checks a payload's claims against the rules of its audience (<see cref="ClaimProfile"/>): presence, JSON types and values.
    /// This file holds what every check shares; the checks themselves stand by concern in ClaimLinter.TimeClaims.cs,
    /// ClaimLinter.Identifiers.cs, ClaimLinter.RequestClaim.cs and ClaimLinter.BearerClaims.cs.
    /// </summary>
    internal sealed partial class ClaimLinter
    {
        private const int MaximumListedClaims = 10;

        private readonly OrderedDictionary payload;
        private readonly ClaimProfile profile;
        private readonly JwsLintOptions options;
        private readonly CheckList checks;
        private readonly DateTimeOffset now;
        private readonly List<string> unknownClaims;

        // Missing claim → the unknown claim that is probably its misspelling, for the "missing" message.
        private readonly Dictionary<string, string> misspelledAs = new Dictionary<string, string>(StringComparer.Ordinal);
        private DateTimeOffset? issuedAt;

        public ClaimLinter(OrderedDictionary payload, ClaimProfile profile, JwsLintOptions options, CheckList checks)
        {
            this.payload = payload;
            this.profile = profile;
            this.options = options;
            this.checks = checks;
            now = options.Now ?? DateTimeOffset.UtcNow;
            IEnumerable<string> known = profile.IsKnown ? profile.Claims.Keys : ClaimProfile.AllClaimNames;
            unknownClaims = payload.Keys.Cast<string>().Except(known, StringComparer.Ordinal).ToList();
            foreach (string unknown in unknownClaims)
            {
                string? meant = ClaimNameSuggester.Suggest(unknown, profile);
                if (meant != null && !misspelledAs.ContainsKey(meant))
                {
                    misspelledAs[meant] = unknown;
                }
            }
        }

        public void Run()
        {
            CheckIssuer();
            CheckIssuedAt();
            CheckExpiration();
            CheckBundleId();
            CheckNonce();
            CheckIdentifier("productId", JwsCheckNames.ProductId);
            CheckIdentifier("offerIdentifier", JwsCheckNames.OfferIdentifier);
            CheckTransactionId();
            CheckAllowIntroductoryOffer();
            CheckRequest();
            CheckSubject();
            CheckScope();
            CheckUnknownClaims();
        }

        private void CheckAllowIntroductoryOffer()
        {
            if (!TryGetClaim("allowIntroductoryOffer", JwsCheckNames.AllowIntroductoryOffer, "a JSON boolean", out object? value))
            {
                return;
            }

            switch (value)
            {
                case bool flag:
                    checks.Pass(JwsCheckNames.AllowIntroductoryOffer, $"allowIntroductoryOffer is the JSON boolean {(flag ? "true" : "false")}.");
                    break;
                case string text:
                    string meant = text.Trim().ToLowerInvariant();
                    checks.Fail(JwsCheckNames.AllowIntroductoryOffer,
                        $"allowIntroductoryOffer is the string {JsonText.Quote(text)}; it must be the JSON boolean {(meant == "true" || meant == "false" ? meant : "true or false")}, without quotes. " +
                        "A CSV cell or a string parameter sent as is makes this mistake.");
                    break;
                default:
                    checks.Fail(JwsCheckNames.AllowIntroductoryOffer, $"allowIntroductoryOffer is {JsonText.Describe(value)}; it must be the JSON boolean true or false.");
                    break;
            }
        }

        private void CheckUnknownClaims()
        {
            string owner = profile.IsKnown ? profile.Audience + " tokens" : "App Store tokens";
            if (unknownClaims.Count == 0)
            {
                checks.Pass(JwsCheckNames.UnknownClaims, $"No claims beyond those {owner} define.");
                return;
            }

            IEnumerable<string> listed = unknownClaims.Take(MaximumListedClaims).Select(name =>
            {
                string? explanation = ClaimNameSuggester.Explain(name, profile);
                return JsonText.Quote(name) + (explanation == null ? string.Empty : $" ({explanation})");
            });
            string message = $"{(unknownClaims.Count == 1 ? "A claim" : unknownClaims.Count + " claims")} that {owner} do not define: " +
                string.Join("; ", listed) + (unknownClaims.Count > MaximumListedClaims ? "; …" : string.Empty) + ".";

            // StoreKit payloads are a fixed set of claims; a server API bearer token is an ordinary JWT, where an extra claim is a smell rather than a known rejection.
            if (profile.IsKnown && !profile.IsBearer)
            {
                checks.Fail(JwsCheckNames.UnknownClaims, message + " StoreKit request payloads have a fixed set of claims: remove or rename these.");
            }
            else
            {
                checks.Warn(JwsCheckNames.UnknownClaims, message);
            }
        }

        /// <summary>
        /// Reports a claim the profile requires but the payload lacks, or holds as null. Returns the value when there
        /// is one to check further; false when the claim is absent (and optional) or not part of this audience.
        /// </summary>
        private bool TryGetClaim(string claim, string checkName, string what, out object? value)
        {
            value = payload[claim];
            Presence? presence = profile.PresenceOf(claim);
            if (presence == null)
            {
                return false;
            }

            if (!payload.Contains(claim))
            {
                if (presence == Presence.Required)
                {
                    Missing(claim, checkName, what);
                }

                return false;
            }

            if (value == null)
            {
                checks.Fail(checkName, presence == Presence.Required
                    ? $"{claim} is null; {profile.Description} requires it: {what}."
                    : $"{claim} is null; when there is no value, omit the claim (never send null).");
                return false;
            }

            return true;
        }

        private void Missing(string claim, string checkName, string what)
        {
            string hint = misspelledAs.TryGetValue(claim, out string? found)
                ? $" The payload has {JsonText.Quote(found)} instead: a misspelling of {claim}?"
                : string.Empty;
            checks.Fail(checkName, $"The {claim} claim is missing; {profile.Description} requires it ({what}).{hint}");
        }
    }
}
