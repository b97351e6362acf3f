using System.Collections;
using System.Linq;
using AppStoreJws.Json;
using AppStoreJws.ServerApi;

namespace AppStoreJws.Inspection
{
    /// <summary>The claims only bearer tokens carry: sub and scope.</summary>
    internal sealed partial class ClaimLinter
    {
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
    }
}
