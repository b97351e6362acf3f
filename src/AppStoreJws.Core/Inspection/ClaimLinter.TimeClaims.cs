using System;
using System.Collections.Generic;
using System.Globalization;
using AppStoreJws.Json;
using AppStoreJws.ServerApi;
using AppStoreJws.Signing;

namespace AppStoreJws.Inspection
{
    /// <summary>The time claims: iat and exp, whole Unix seconds.</summary>
    internal sealed partial class ClaimLinter
    {
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

        private bool TryReadSeconds(string claim, string checkName, out long seconds)
        {
            object? value = payload[claim];
            seconds = value is long whole ? whole : 0;
            switch (value)
            {
                case long number when UnixTimeScale.LooksLikeMilliseconds(number):
                    string digits = number.ToString(CultureInfo.InvariantCulture);
                    checks.Fail(checkName, !UnixTimeScale.LooksLikeMicroseconds(number)
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
    }
}
