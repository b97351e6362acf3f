using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;
using AppStoreJws.AdvancedCommerce;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.ServerApi;

namespace AppStoreJws.Inspection
{
    /// <summary>Checks a payload's claims against the rules of its audience (<see cref="ClaimProfile"/>): presence, JSON types and values.</summary>
    internal sealed class ClaimLinter
    {
        // Seconds since 1970 reach 11 digits only in the year 5138; a value this large is a millisecond (or finer) timestamp.
        private const long SecondsCeiling = 100_000_000_000;
        private const long MillisecondsCeiling = 100_000_000_000_000;
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
                checks.Fail(JwsCheckNames.Issuer,
                    $"iss is {JsonText.Quote(issuer)}, which has the form of a key ID; the issuer ID is a UUID, shown above the key list in App Store Connect. Key ID and issuer ID look swapped.");
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

        private void CheckIssuedAt()
        {
            Presence? presence = profile.PresenceOf("iat");
            if (presence == null || !payload.Contains("iat"))
            {
                if (presence == Presence.Required)
                {
                    Missing("iat", JwsCheckNames.IssuedAt, "the Unix time in seconds when the token was made");
                }

                return;
            }

            if (!TryReadSeconds("iat", JwsCheckNames.IssuedAt, out long seconds))
            {
                return;
            }

            DateTimeOffset issued = DateTimeOffset.FromUnixTimeSeconds(seconds);
            issuedAt = issued;
            TimeSpan ahead = issued - now;
            if (issued < Signing.IssuedAtRange.Earliest)
            {
                checks.Fail(JwsCheckNames.IssuedAt,
                    $"iat is {JsonText.Date(issued)}, before {Signing.IssuedAtRange.Earliest:yyyy-MM-dd}: no App Store token is that old, so the signer's clock or its unit is wrong.");
            }
            else if (ahead > options.ClockTolerance)
            {
                checks.Fail(JwsCheckNames.IssuedAt,
                    $"iat is {JsonText.Span(ahead)} in the future ({JsonText.Date(issued)}), beyond the {JsonText.Span(options.ClockTolerance)} tolerance; Apple rejects a token issued in its future. " +
                    "The signing host's clock runs fast: correct it, or backdate iat a little (-ClockSkew on the signing cmdlets).");
            }
            else if (ahead > TimeSpan.Zero)
            {
                checks.Pass(JwsCheckNames.IssuedAt, $"Issued {JsonText.Date(issued)}, {JsonText.Span(ahead)} in the future: within the {JsonText.Span(options.ClockTolerance)} tolerance.");
            }
            else
            {
                checks.Pass(JwsCheckNames.IssuedAt, $"Issued {JsonText.Date(issued)}, {JsonText.Span(now - issued)} ago.");
            }
        }

        private void CheckExpiration()
        {
            Presence? presence = profile.PresenceOf("exp");
            if (presence == null)
            {
                return;
            }

            object? value = payload["exp"];
            bool present = payload.Contains("exp");
            if (presence == Presence.Forbidden)
            {
                if (present)
                {
                    checks.Fail(JwsCheckNames.Expiration,
                        $"exp is present ({JsonText.Describe(value)}); StoreKit request tokens must not carry exp, and Apple refuses them: it derives the expiry from iat. " +
                        "Generic JWT libraries add exp by default (expiresIn, lifetime): remove it.");
                }
                else
                {
                    checks.Pass(JwsCheckNames.Expiration, "No exp claim, as StoreKit request tokens require (Apple derives the expiry from iat).");
                }

                return;
            }

            bool serverApi = payload.Contains("bid");
            TimeSpan ceiling = serverApi ? BearerTokenFactory.ServerApiMaximumLifetime : BearerTokenFactory.ConnectApiMaximumLifetime;
            string kind = serverApi ? "an App Store Server API token (one with bid)" : "an App Store Connect API token (no bid)";
            if (!present)
            {
                Missing("exp", JwsCheckNames.Expiration, $"at most {JsonText.Span(ceiling)} after iat for {kind}");
                return;
            }

            if (!TryReadSeconds("exp", JwsCheckNames.Expiration, out long seconds))
            {
                return;
            }

            DateTimeOffset expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
            List<string> problems = new List<string>();
            string pass = expires >= now
                ? $"Expires {JsonText.Date(expires)}, in {JsonText.Span(expires - now)}."
                : $"Expired {JsonText.Span(now - expires)} ago ({JsonText.Date(expires)}), within the {JsonText.Span(options.ClockTolerance)} tolerance.";
            if (issuedAt.HasValue)
            {
                TimeSpan lifetime = expires - issuedAt.Value;
                pass += $" It is {JsonText.Span(lifetime)} after iat, within the {JsonText.Span(ceiling)} limit for {kind}.";
                if (lifetime <= TimeSpan.Zero)
                {
                    problems.Add($"exp ({JsonText.Date(expires)}) is not after iat ({JsonText.Date(issuedAt.Value)}).");
                }
                else if (lifetime > ceiling)
                {
                    problems.Add($"exp is {JsonText.Span(lifetime)} after iat; Apple's limit for {kind} is {JsonText.Span(ceiling)}, and it answers longer-lived tokens with HTTP 401.");
                }
            }

            if (expires + options.ClockTolerance < now)
            {
                problems.Add($"The token expired {JsonText.Span(now - expires)} ago ({JsonText.Date(expires)}): make a new one (Apple's libraries make one per request).");
            }

            checks.Report(JwsCheckNames.Expiration, problems, pass);
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

        private void CheckRequest()
        {
            if (!TryGetClaim("request", JwsCheckNames.Request, "the standard base64 of the request's UTF-8 JSON", out object? value))
            {
                return;
            }

            if (!(value is string request))
            {
                checks.Fail(JwsCheckNames.Request,
                    $"request is {JsonText.Describe(value)}; it must be a string: the standard base64 of the request's UTF-8 JSON{(value is OrderedDictionary ? ", not the request object itself" : string.Empty)}.");
                return;
            }

            List<string> problems = Base64Problems(request);
            if (problems.Count == 0)
            {
                checks.Pass(JwsCheckNames.RequestEncoding, $"request is standard base64 ({request.Length} characters).");
            }
            else
            {
                checks.Fail(JwsCheckNames.RequestEncoding, "The request claim is not standard base64: " + string.Join("; ", problems) +
                    ". Encode the UTF-8 JSON with standard base64 ('+', '/' and '=' padding, as Convert.ToBase64String does), not base64url.");
            }

            byte[]? bytes = DecodeLeniently(request);
            if (bytes == null)
            {
                checks.Fail(JwsCheckNames.Request, "The request could not be decoded as base64 at all, so its content was not checked.");
                return;
            }

            string json;
            try
            {
                json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                checks.Fail(JwsCheckNames.Request, "The request decodes to bytes that are not UTF-8 text; it must be the base64 of the request's UTF-8 JSON.");
                return;
            }

            try
            {
                ValidatedRequest validated = AdvancedCommerceRequestReader.Read(json);
                checks.Pass(JwsCheckNames.Request, $"request is a valid {validated.Operation} request (requestReferenceId {validated.RequestReferenceId}).");
            }
            catch (AppStoreJwsException e)
            {
                checks.Fail(JwsCheckNames.Request, $"The request does not pass the validation Apple's libraries apply ({e.ErrorId}): {e.Message}");
            }
        }

        private void CheckSubject()
        {
            if (profile.PresenceOf("sub") == null || !payload.Contains("sub"))
            {
                return;
            }

            object? value = payload["sub"];
            if (value is string subject && subject == ServerApiAudience.IndividualKeySubject)
            {
                checks.Pass(JwsCheckNames.Subject, "sub is \"user\": a token of an individual App Store Connect API key.");
            }
            else
            {
                checks.Fail(JwsCheckNames.Subject, $"sub is {JsonText.Describe(value)}; Apple's tokens carry sub only as \"user\", for individual App Store Connect API keys.");
            }
        }

        private void CheckScope()
        {
            if (profile.PresenceOf("scope") == null || !payload.Contains("scope"))
            {
                return;
            }

            object? value = payload["scope"];
            if (!(value is IList entries) || entries.Cast<object?>().Any(entry => !(entry is string)))
            {
                checks.Fail(JwsCheckNames.Scope, $"scope is {JsonText.Describe(value)}; it must be an array of strings such as [\"GET /v1/apps?filter[platform]=IOS\"].");
                return;
            }

            string? odd = entries.Cast<string>().FirstOrDefault(entry => !BearerTokenFactory.ScopePattern.IsMatch(entry));
            if (entries.Count == 0)
            {
                checks.Warn(JwsCheckNames.Scope, "scope is an empty array; omit it, or list the requests the token may make.");
            }
            else if (odd != null)
            {
                checks.Warn(JwsCheckNames.Scope, $"scope has the entry {JsonText.Quote(odd)}; entries are \"METHOD /path\", such as \"GET /v1/apps?filter[platform]=IOS\".");
            }
            else
            {
                checks.Pass(JwsCheckNames.Scope, $"scope limits the token to {entries.Count} request{(entries.Count == 1 ? string.Empty : "s")}.");
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

        private bool TryReadSeconds(string claim, string checkName, out long seconds)
        {
            object? value = payload[claim];
            seconds = value is long whole ? whole : 0;
            switch (value)
            {
                case long number when number >= SecondsCeiling:
                    string digits = number.ToString(CultureInfo.InvariantCulture);
                    checks.Fail(checkName, number < MillisecondsCeiling
                        ? $"{claim} is {digits} ({digits.Length} digits), which looks like milliseconds ({JsonText.Date(DateTimeOffset.FromUnixTimeMilliseconds(number))}); {claim} is whole seconds since 1970, here {number / 1000}."
                        : $"{claim} is {digits}, far too large for seconds since 1970; {claim} is whole seconds (10 digits today).");
                    return false;
                case long number when number <= 0:
                    checks.Fail(checkName, $"{claim} is {number}; it must be the Unix time in seconds (10 digits today).");
                    return false;
                case long _:
                    return true;
                case double number:
                    checks.Fail(checkName, $"{claim} is {number.ToString("R", CultureInfo.InvariantCulture)}, not an integer; {claim} is whole seconds since 1970, written without a fraction or exponent.");
                    return false;
                case string text:
                    checks.Fail(checkName, $"{claim} is the string {JsonText.Quote(text)}; it must be a JSON number of seconds{(long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? " (remove the quotes)" : string.Empty)}.");
                    return false;
                default:
                    checks.Fail(checkName, $"{claim} is {JsonText.Describe(value)}; it must be a JSON number: the Unix time in seconds.");
                    return false;
            }
        }

        private static List<string> Base64Problems(string text)
        {
            List<string> problems = new List<string>();
            if (text.Length == 0)
            {
                problems.Add("it is empty");
                return problems;
            }

            if (text.IndexOf('-') >= 0 || text.IndexOf('_') >= 0)
            {
                problems.Add("it is base64url (it contains '-' or '_'), where Apple requires standard base64 with '+' and '/'");
            }

            char foreign = text.FirstOrDefault(c => !IsBase64UrlOrStandard(c));
            if (foreign != '\0')
            {
                problems.Add(char.IsWhiteSpace(foreign) ? "it contains whitespace or line breaks" : $"it contains {JsonText.Quote(foreign.ToString())}, which is not a base64 character");
            }

            int padding = text.IndexOf('=');
            if (padding >= 0 && text.Substring(padding).Any(c => c != '='))
            {
                problems.Add("'=' appears before the end");
            }
            else if (text.Length % 4 != 0)
            {
                problems.Add(padding < 0
                    ? $"its '=' padding is missing (its length, {text.Length}, is not a multiple of 4)"
                    : $"its padding is wrong (its length, {text.Length}, is not a multiple of 4)");
            }

            return problems;
        }

        private static bool IsBase64UrlOrStandard(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';

        /// <summary>Decodes standard base64 or base64url, padded or not, so the content is checked even when the encoding is wrong.</summary>
        private static byte[]? DecodeLeniently(string text)
        {
            StringBuilder standard = new StringBuilder(text.Length + 3);
            foreach (char c in text)
            {
                if (c == '-')
                {
                    standard.Append('+');
                }
                else if (c == '_')
                {
                    standard.Append('/');
                }
                else if (c != '=' && !char.IsWhiteSpace(c))
                {
                    standard.Append(c);
                }
            }

            if (standard.Length % 4 == 1)
            {
                return null;
            }

            standard.Append('=', (4 - (standard.Length % 4)) % 4);
            try
            {
                return Convert.FromBase64String(standard.ToString());
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
