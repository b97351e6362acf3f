using System.Collections.Generic;
using System.Linq;
using AppStoreJws.Checks;

namespace AppStoreJws.Inspection
{
    /// <summary>What <see cref="JwsLinter"/> found: every check in order, and whether Apple can be expected to accept the token.</summary>
    public sealed class JwsLintReport
    {
        internal JwsLintReport(string token, DecodedJws? decoded, IReadOnlyList<JwsCheck> checks)
        {
            Token = token;
            Decoded = decoded;
            Checks = checks;
            IsValid = checks.All(check => check.Outcome != CheckResult.Fail);
        }

        /// <summary>True when no check failed; warnings do not count against a token.</summary>
        public bool IsValid { get; }

        /// <summary>The token as given.</summary>
        public string Token { get; }

        /// <summary>The aud claim when it is a string; null for a malformed token or an array audience.</summary>
        public string? Audience => Decoded?.Audience;

        /// <summary>The header's kid when it is a string.</summary>
        public string? KeyId => Decoded?.KeyId;

        public IReadOnlyList<JwsCheck> Checks { get; }

        /// <summary>The token taken apart; null when it is not a well-formed compact JWS (the Structure check failed).</summary>
        public DecodedJws? Decoded { get; }

        public override string ToString()
        {
            List<string> failed = Checks.Where(check => check.Outcome == CheckResult.Fail).Select(check => check.Name).ToList();
            return failed.Count == 0
                ? $"Valid: {Checks.Count} checks, {Checks.Count(check => check.Outcome == CheckResult.Warning)} warnings"
                : "Invalid: " + string.Join(", ", failed) + " failed";
        }
    }
}
