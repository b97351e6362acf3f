using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using AppStoreJws.Checks;
using AppStoreJws.Inspection;

namespace AppStoreJws.Output
{
    /// <summary>
    /// One line per token for the compact view of many Test-AppStoreJws reports: what the token is for, what
    /// identifies it, and the verdict. Values read from the token are its own text, which may be hostile, so each is
    /// shown with control characters escaped and cut to a length a table cell can hold.
    /// </summary>
    public static class ReportSummary
    {
        private const int LongestValue = 128;

        // The claims that tell one StoreKit token from another, in the order people look for them.
        private static readonly string[] IdentifyingClaims = { "productId", "offerIdentifier", "transactionId", "appTransactionId" };

        public static string Verdict(JwsLintReport report)
        {
            List<string> failed = Named(report, CheckResult.Fail);
            if (failed.Count > 0)
            {
                return "failed: " + string.Join(", ", failed);
            }

            List<string> warned = Named(report, CheckResult.Warning);
            return warned.Count > 0
                ? "warnings: " + string.Join(", ", warned)
                : report.Checks.Count.ToString(CultureInfo.InvariantCulture) + " checks passed";
        }

        public static string Identifies(JwsLintReport report)
        {
            DecodedJws? decoded = report.Decoded;
            if (decoded == null)
            {
                return string.Empty;
            }

            var parts = new List<string>();
            foreach (string claim in IdentifyingClaims)
            {
                if (decoded.Payload.Contains(claim))
                {
                    parts.Add(claim + " " + Printable(decoded.Payload[claim]?.ToString()));
                }
            }

            if (decoded.Request != null && decoded.Request.Contains("operation"))
            {
                parts.Add("operation " + Printable(decoded.Request["operation"]?.ToString()));
            }

            if (parts.Count == 0 && decoded.Payload.Contains("bid"))
            {
                parts.Add("bid " + Printable(decoded.Payload["bid"]?.ToString()));
            }

            return string.Join(", ", parts);
        }

        /// <summary>Token text made safe for a table cell: control characters as \uXXXX, at most 128 characters (more than any identifier Apple issues; a hostile token's huge claim is cut).</summary>
        public static string Printable(string? value)
        {
            if (value == null)
            {
                return string.Empty;
            }

            var text = new StringBuilder();
            foreach (char c in value)
            {
                if (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
                {
                    text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    text.Append(c);
                }
            }

            return text.Length <= LongestValue ? text.ToString() : text.ToString(0, LongestValue - 1) + "…";
        }

        private static List<string> Named(JwsLintReport report, CheckResult result) =>
            report.Checks.Where(check => check.Outcome == result).Select(check => check.Name).ToList();
    }
}
