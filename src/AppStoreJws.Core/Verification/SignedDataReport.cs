using System.Collections.Generic;
using System.Linq;
using AppStoreJws.Checks;
using AppStoreJws.Inspection;

namespace AppStoreJws.Verification
{
    /// <summary>
    /// Every check of one signed payload, in order, with what each found; for a notification also a report per
    /// nested signed field. <see cref="IsValid"/> is what <see cref="SignedDataVerifier.Verify"/> would decide.
    /// </summary>
    public sealed class SignedDataReport
    {
        internal SignedDataReport(string path, string signedData, SignedDataKind? kind, IReadOnlyList<JwsCheck> checks, string? errorId, SignedDataPayload? payload, IReadOnlyList<SignedDataReport> nested)
        {
            Path = path;
            SignedData = signedData;
            DataKind = kind;
            Checks = checks;
            Payload = payload;
            Nested = nested;
            ErrorId = errorId ?? nested.Select(report => report.ErrorId).FirstOrDefault(id => id != null);
            IsValid = ErrorId == null;
        }

        /// <summary>True when no check failed here or in a nested payload; warnings and skipped checks do not count against it.</summary>
        public bool IsValid { get; }

        /// <summary>The error id verification would fail with (the first failing check's), or null.</summary>
        public string? ErrorId { get; }

        /// <summary>Where the data sat: empty for the input itself, e.g. <c>data.signedTransactionInfo</c> for a nested payload.</summary>
        public string Path { get; }

        /// <summary>What the data is (Transaction, RenewalInfo, Notification...), by name; null when it could not be read.</summary>
        public string? Kind => DataKind?.ToString();

        internal SignedDataKind? DataKind { get; }

        /// <summary>Every check in order; a notification's nested payloads' checks follow its own, named by field path (<c>data.signedTransactionInfo: Signature</c>).</summary>
        public IReadOnlyList<JwsCheck> Checks { get; }

        /// <summary>The reports of a notification's nested signed fields.</summary>
        public IReadOnlyList<SignedDataReport> Nested { get; }

        /// <summary>The decoded payload when the data was well formed (whether or not it verified); null otherwise.</summary>
        public SignedDataPayload? Payload { get; }

        public string SignedData { get; }

        public override string ToString()
        {
            // The checks of nested payloads are among Checks, named by their path.
            List<string> failed = Checks.Where(check => check.Outcome == CheckResult.Fail).Select(check => check.Name).ToList();
            return failed.Count == 0
                ? $"Valid {Kind}: {Checks.Count(check => check.Outcome == CheckResult.Pass)} checks passed, {Checks.Count(check => check.Outcome == CheckResult.Warning)} warnings"
                : $"Invalid ({ErrorId}): " + string.Join(", ", failed) + " failed";
        }
    }
}
