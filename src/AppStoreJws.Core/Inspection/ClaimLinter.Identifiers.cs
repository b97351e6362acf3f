using System;
using AppStoreJws.Json;
using AppStoreJws.Keys;
using AppStoreJws.ServerApi;

namespace AppStoreJws.Inspection
{
    /// <summary>The identifier claims: iss, bid, nonce, productId, offerIdentifier and transactionId.</summary>
    internal sealed partial class ClaimLinter
    {
        private void CheckIssuer()
        {
            Presence? presence = profile.PresenceOf("iss");
            if (presence == null)
            {
                return;
            }

            bool individualKey = profile.IsBearer && payload["sub"] as string == ServerApiAudience.IndividualKeySubject;
            object? value = payload["iss"];
            if (!payload.Contains("iss"))
            {
                if (presence == Presence.Required && !individualKey)
                {
                    Missing("iss", JwsCheckNames.Issuer, "the issuer ID from App Store Connect, a UUID");
                }
                else if (options.IssuerId != null)
                {
                    checks.Fail(JwsCheckNames.Issuer, $"The payload has no iss, but the issuer ID {options.IssuerId} was expected.");
                }
                else if (individualKey)
                {
                    checks.Pass(JwsCheckNames.Issuer, "No iss, as the tokens of an individual App Store Connect API key (sub \"user\") have none.");
                }

                return;
            }

            if (individualKey)
            {
                checks.Fail(JwsCheckNames.Issuer, "iss is present, but the tokens of an individual App Store Connect API key (sub \"user\") carry no iss: remove iss, or sub for a team key.");
            }
            else if (!(value is string issuer))
            {
                checks.Fail(JwsCheckNames.Issuer, $"iss is {JsonText.Describe(value)}; it must be the issuer ID, a UUID, as a string.");
            }
            else if (AppStoreIdentifiers.IsKeyId(issuer))
            {
                checks.Fail(JwsCheckNames.Issuer, AppStoreIdentifiers.LooksSwappedKeyIdAsIssuerId($"iss {JsonText.Quote(issuer)}"));
            }
            else if (!AppStoreIdentifiers.IsUuid(issuer))
            {
                checks.Fail(JwsCheckNames.Issuer, $"iss is {JsonText.Quote(issuer)}, not a UUID; it must be the issuer ID from App Store Connect, such as 57246542-96fe-1a63-e053-0824d011072a.");
            }
            else if (options.IssuerId != null && !string.Equals(issuer, options.IssuerId, StringComparison.OrdinalIgnoreCase))
            {
                checks.Fail(JwsCheckNames.Issuer, $"iss is {issuer}, but the issuer ID {options.IssuerId} was expected.");
            }
            else
            {
                checks.Pass(JwsCheckNames.Issuer, $"iss is the issuer ID {issuer}.");
            }
        }

        private void CheckBundleId()
        {
            Presence? presence = profile.PresenceOf("bid");
            if (presence == null)
            {
                return;
            }

            if (!payload.Contains("bid"))
            {
                if (presence == Presence.Required)
                {
                    Missing("bid", JwsCheckNames.BundleId, "the app's bundle ID");
                }
                else if (options.BundleId != null)
                {
                    checks.Fail(JwsCheckNames.BundleId, $"The payload has no bid, but the bundle ID {options.BundleId} was expected.");
                }
                else if (profile.IsBearer)
                {
                    checks.Pass(JwsCheckNames.BundleId, "No bid: an App Store Connect API token (App Store Server API tokens carry the app's bid).");
                }

                return;
            }

            object? value = payload["bid"];
            if (!(value is string bundleId))
            {
                checks.Fail(JwsCheckNames.BundleId, $"bid is {JsonText.Describe(value)}; it must be the app's bundle ID as a string.");
            }
            else if (bundleId.Trim().Length == 0)
            {
                checks.Fail(JwsCheckNames.BundleId, "bid is empty; it must be the app's bundle ID, such as com.example.app.");
            }
            else if (bundleId.Trim() != bundleId)
            {
                checks.Fail(JwsCheckNames.BundleId, $"bid {JsonText.Quote(bundleId)} has leading or trailing whitespace; Apple compares bundle IDs exactly.");
            }
            else if (options.BundleId != null && !string.Equals(bundleId, options.BundleId, StringComparison.Ordinal))
            {
                bool caseOnly = string.Equals(bundleId, options.BundleId, StringComparison.OrdinalIgnoreCase);
                checks.Fail(JwsCheckNames.BundleId, $"bid is {JsonText.Quote(bundleId)}, but {options.BundleId} was expected{(caseOnly ? " (they differ in case)" : string.Empty)}.");
            }
            else
            {
                checks.Pass(JwsCheckNames.BundleId, $"bid is {JsonText.Quote(bundleId)}.");
            }
        }

        private void CheckNonce()
        {
            if (!TryGetClaim("nonce", JwsCheckNames.Nonce, "a fresh random UUID, lowercase", out object? value))
            {
                return;
            }

            if (!(value is string nonce))
            {
                checks.Fail(JwsCheckNames.Nonce, $"nonce is {JsonText.Describe(value)}; it must be a UUID string.");
            }
            else if (!AppStoreIdentifiers.IsUuid(nonce))
            {
                checks.Fail(JwsCheckNames.Nonce, $"nonce is {JsonText.Quote(nonce)}, not a UUID; Apple requires a fresh random UUID for every token, lowercase, such as 3a4f0e2c-7f7a-4b5e-9c1d-2e8f6a7b9c0d.");
            }
            else if (nonce != nonce.ToLowerInvariant())
            {
                checks.Fail(JwsCheckNames.Nonce,
                    $"nonce {nonce} has uppercase letters; Apple requires a lowercase UUID ({nonce.ToLowerInvariant()}). Swift's uuidString and some libraries write uppercase.");
            }
            else if (nonce[14] != '4')
            {
                checks.Warn(JwsCheckNames.Nonce, $"nonce {nonce} is a version {nonce[14]} UUID; Apple expects a fresh random (version 4) UUID for every token.");
            }
            else
            {
                checks.Pass(JwsCheckNames.Nonce, "nonce is a lowercase random UUID (use a new one for every token).");
            }
        }

        private void CheckIdentifier(string claim, string checkName)
        {
            if (!TryGetClaim(claim, checkName, "a string", out object? value))
            {
                return;
            }

            if (!(value is string text))
            {
                checks.Fail(checkName, $"{claim} is {JsonText.Describe(value)}; it must be a string.");
            }
            else if (text.Trim().Length == 0)
            {
                checks.Fail(checkName, $"{claim} is empty; {profile.Description} requires it.");
            }
            else if (text.Trim() != text)
            {
                checks.Fail(checkName, $"{claim} {JsonText.Quote(text)} has leading or trailing whitespace; Apple compares identifiers exactly.");
            }
            else
            {
                checks.Pass(checkName, $"{claim} is {JsonText.Quote(text)}.");
            }
        }

        private void CheckTransactionId()
        {
            Presence? presence = profile.PresenceOf("transactionId");
            if (presence == Presence.Optional && !payload.Contains("transactionId"))
            {
                checks.Pass(JwsCheckNames.TransactionId, "No transactionId (optional here; Apple recommends the customer's transaction ID or appTransactionID).");
                return;
            }

            if (!TryGetClaim("transactionId", JwsCheckNames.TransactionId, "the customer's transaction ID or appTransactionID", out object? value))
            {
                return;
            }

            bool optional = presence == Presence.Optional;
            switch (value)
            {
                case string text when text.Length == 0:
                    checks.Fail(JwsCheckNames.TransactionId, optional
                        ? "transactionId is an empty string; when there is no transaction ID, omit the claim (never send \"\")."
                        : $"transactionId is an empty string; {profile.Description} requires the customer's transaction ID or appTransactionID.");
                    break;
                case string text when text.Trim() != text:
                    checks.Fail(JwsCheckNames.TransactionId, $"transactionId {JsonText.Quote(text)} has whitespace; Apple compares it exactly.");
                    break;
                case string text:
                    checks.Pass(JwsCheckNames.TransactionId, $"transactionId is {JsonText.Quote(text)}.");
                    break;
                case long _:
                case double _:
                    checks.Fail(JwsCheckNames.TransactionId,
                        $"transactionId is {JsonText.Describe(value)}; it must be a string (in quotes): transaction IDs are identifiers, and large JSON numbers lose digits.");
                    break;
                default:
                    checks.Fail(JwsCheckNames.TransactionId, $"transactionId is {JsonText.Describe(value)}; it must be a string.");
                    break;
            }
        }
    }
}
