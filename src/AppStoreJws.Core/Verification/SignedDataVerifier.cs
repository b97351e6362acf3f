using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AppStoreJws.Checks;
using AppStoreJws.Errors;
using AppStoreJws.Inspection;

namespace AppStoreJws.Verification
{
    /// <summary>
    /// Verifies what Apple signs (notifications, transactions, renewal info, app transactions, Retention Messaging
    /// real-time requests) the way Apple's own libraries do: ES256, an x5c of exactly three certificates, a path
    /// from leaf to intermediate to a root held locally (never the token's own root), Apple's OIDs on leaf and
    /// intermediate, validity at the effective date, OCSP when online, the signature with the leaf's key, then the
    /// app's bundle ID, Apple ID and environment. Make one per run: it caches every distinct chain it has
    /// evaluated, so most payloads (which share a chain) cost one P-256 verification. Thread-safe.
    /// </summary>
    internal sealed partial class SignedDataVerifier
    {
        /// <summary>True for the failures that may pass when tried again (a network failure during the revocation check); only it is worth retrying.</summary>
        public static bool IsRetryable(string errorId) => errorId == ErrorIds.RevocationCheckFailed;

        /// <summary>How long a good OCSP answer for a chain is reused, as Apple's libraries do.</summary>
        public static readonly TimeSpan RevocationCacheTime = TimeSpan.FromMinutes(15);

        /// <summary>Clock difference tolerated on certificate and OCSP times, as Apple's libraries do.</summary>
        internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

        private static readonly (string Field, SignedDataKind Kind, string Section, string DecodedName)[] NestedFields =
        {
            ("signedTransactionInfo", SignedDataKind.Transaction, "data", SignedDataPayload.TransactionField),
            ("signedRenewalInfo", SignedDataKind.RenewalInfo, "data", SignedDataPayload.RenewalInfoField),
            ("signedAppTransactionInfo", SignedDataKind.AppTransaction, "appData", SignedDataPayload.AppTransactionField),
        };

        private readonly ConcurrentDictionary<string, ChainEvaluation> chains = new ConcurrentDictionary<string, ChainEvaluation>(StringComparer.Ordinal);
        private readonly IList<X509Certificate2> trustedRoots;
        private readonly string? bundleId;
        private readonly long? appAppleId;
        private readonly string? environment;
        private readonly bool online;
        private readonly bool expectsUnsignedEnvironment;
        private readonly DateTimeOffset? effectiveDate;
        private readonly TimeSpan ocspTimeout;
        private readonly CancellationToken cancellation;

        /// <summary>Checks <paramref name="options"/> (throws <see cref="AppStoreJwsException"/> when unusable) and keeps a copy of them.</summary>
        public SignedDataVerifier(SignedDataVerifierOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            options.Validate();
            trustedRoots = options.TrustedRoots.ToList().AsReadOnly();
            bundleId = options.BundleId;
            appAppleId = options.AppAppleId;
            environment = options.Environment;
            online = options.Online;
            expectsUnsignedEnvironment = options.ExpectsUnsignedEnvironment;
            effectiveDate = options.EffectiveDate;
            ocspTimeout = options.OcspTimeout;
            cancellation = options.Cancellation;
        }

        /// <summary>The number of distinct chains evaluated and kept so far.</summary>
        public int CachedChainCount => chains.Count;

        /// <summary>
        /// Verifies one compact JWS and returns its decoded payload, or throws <see cref="AppStoreJwsException"/> with
        /// a verification error id (docs/ErrorIds.md) and a message saying what was found and what was expected.
        /// <paramref name="kind"/> forces the kind; otherwise it is told from the fields.
        /// </summary>
        public SignedDataPayload Verify(string signedData, SignedDataKind? kind = null) => Verify(signedData, kind, null);

        private SignedDataPayload Verify(string signedData, SignedDataKind? kind, NestedContext? nested)
        {
            Recorder recorder = new Recorder(throwOnFailure: true, string.Empty);
            return Run(signedData, kind, recorder, nested)!;
        }

        /// <summary>Runs every check on one compact JWS and reports each; never throws for bad data.</summary>
        public SignedDataReport Test(string signedData, SignedDataKind? kind = null) => Test(signedData, kind, string.Empty, null);

        private SignedDataReport Test(string signedData, SignedDataKind? kind, string path, NestedContext? nested)
        {
            Recorder recorder = new Recorder(throwOnFailure: false, path);
            SignedDataPayload? payload = Run(signedData, kind, recorder, nested);
            return new SignedDataReport(path, signedData ?? string.Empty, recorder.Kind, recorder.Checks!, recorder.ErrorId, payload, recorder.Nested);
        }

        private SignedDataPayload? Run(string signedData, SignedDataKind? requestedKind, Recorder checks, NestedContext? nested)
        {
            DecodedJws decoded;
            try
            {
                // Strict: a member name twice, or twice in different case, would give one signed payload two readings.
                decoded = JwsDecoder.Decode(signedData, refuseDuplicateNames: true);
            }
            catch (AppStoreJwsException e)
            {
                checks.Fail(SignedDataCheckNames.Structure, ErrorIds.MalformedSignedData, e.Message);
                return null;
            }

            SignedDataKind? told = requestedKind ?? SignedDataFields.TellKind(decoded.Payload);
            if (told == null)
            {
                string names = UntrustedText.Quote(string.Join(", ", decoded.Payload.Keys.Cast<string>().Take(12)));
                checks.Fail(SignedDataCheckNames.Structure, ErrorIds.MalformedSignedData, $"The payload is of no kind Apple signs (fields: {(names.Length == 0 ? "none" : names)}); expected a notification, transaction, renewal info, app transaction or real-time request, or name the kind.");
                return null;
            }

            SignedDataKind kind = told.Value;
            checks.Kind = kind;
            checks.Pass(SignedDataCheckNames.Structure, requestedKind == null ? $"A compact JWS whose payload is a {Describe(kind)} (told from its fields)." : $"A compact JWS, read as a {Describe(kind)} as asked.");

            OrderedDictionary payload = decoded.Payload;
            string? payloadEnvironment = SignedDataFields.Environment(kind, payload, out string environmentSource);
            DateTimeOffset? signedAt = SignedDataFields.SignedAt(kind, payload);
            DateTimeOffset at = effectiveDate ?? (online ? DateTimeOffset.UtcNow : signedAt ?? DateTimeOffset.UtcNow);
            bool verified;
            if (expectsUnsignedEnvironment)
            {
                SkipChain(checks, decoded);
                verified = false;
            }
            else
            {
                VerifyChainAndSignature(decoded, kind, payloadEnvironment, at, signedAt, checks);
                verified = true;
            }

            CheckAppIdentity(kind, requestedKind != null, payload, payloadEnvironment, environmentSource, checks, nested);
            SignedDataFields.ConvertDates(payload);
            SignedDataPayload result = new SignedDataPayload(kind, payload, decoded.Header, decoded.Token, decoded.PayloadJson, verified, at);
            if (kind == SignedDataKind.Notification)
            {
                DecodeNested(payload, checks);
            }

            return result;
        }

        private void DecodeNested(OrderedDictionary payload, Recorder checks)
        {
            foreach ((string field, SignedDataKind kind, string sectionName, string decodedName) in NestedFields)
            {
                if (!(payload[sectionName] is OrderedDictionary section) || !(section[field] is string nested))
                {
                    continue;
                }

                string path = sectionName + "." + field;
                if (section.Contains(decodedName))
                {
                    // The decoded payload goes under this name; Apple's notifications have no such member.
                    checks.Fail(SignedDataCheckNames.Structure, ErrorIds.MalformedSignedData, $"{sectionName} already has a member '{decodedName}', where the decoded {field} goes; Apple's notifications have none.");
                    continue;
                }

                NestedContext context = new NestedContext(path, section["bundleId"] as string, sectionName + ".bundleId");
                SignedDataPayload? decoded;
                if (checks.ThrowOnFailure)
                {
                    try
                    {
                        decoded = Verify(nested, kind, context);
                    }
                    catch (AppStoreJwsException e)
                    {
                        throw new AppStoreJwsException(e.ErrorId, e.Kind, $"{path}: {e.Message}", e);
                    }
                }
                else
                {
                    SignedDataReport report = Test(nested, kind, path, context);
                    checks.AddNested(report);
                    decoded = report.Payload;
                }

                if (decoded != null)
                {
                    section.Insert(IndexOf(section, field) + 1, decodedName, decoded);
                }
            }
        }

        private static string NotificationSectionName(IDictionary payload)
        {
            foreach (string name in new[] { "data", "summary", "externalPurchaseToken", "appData" })
            {
                if (payload[name] is IDictionary)
                {
                    return name;
                }
            }

            return "data";
        }

        private static int IndexOf(OrderedDictionary dictionary, string key)
        {
            int index = 0;
            foreach (object candidate in dictionary.Keys)
            {
                if ((string)candidate == key)
                {
                    return index;
                }

                index++;
            }

            return -1;
        }

        internal static string Describe(SignedDataKind kind)
        {
            switch (kind)
            {
                case SignedDataKind.Notification: return "notification";
                case SignedDataKind.Transaction: return "transaction";
                case SignedDataKind.RenewalInfo: return "renewal info";
                case SignedDataKind.AppTransaction: return "app transaction";
                default: return "real-time request";
            }
        }

        /// <summary>Collects checks for a report, or throws at the first failure when verifying.</summary>
        private sealed class Recorder
        {
            private readonly string path;

            public Recorder(bool throwOnFailure, string path)
            {
                ThrowOnFailure = throwOnFailure;
                this.path = path;
                Checks = throwOnFailure ? null : new List<JwsCheck>(12);
            }

            public bool ThrowOnFailure { get; }

            public List<JwsCheck>? Checks { get; }

            public List<SignedDataReport> Nested { get; } = new List<SignedDataReport>();

            /// <summary>Keeps a nested payload's report, and lists its checks here under its path (data.signedTransactionInfo: Signature).</summary>
            public void AddNested(SignedDataReport report)
            {
                Nested.Add(report);
                foreach (JwsCheck check in report.Checks)
                {
                    Checks!.Add(new JwsCheck(report.Path + ": " + check.Name, check.Outcome, check.Message));
                }
            }

            public SignedDataKind? Kind { get; set; }

            public string? ErrorId { get; private set; }

            public void Pass(string name, string message) => Checks?.Add(new JwsCheck(name, CheckResult.Pass, message));

            public void Warn(string name, string message) => Checks?.Add(new JwsCheck(name, CheckResult.Warning, message));

            public void Skip(string name, string message) => Checks?.Add(new JwsCheck(name, CheckResult.Skipped, message));

            public void Fail(string name, string errorId, string message)
            {
                if (ThrowOnFailure)
                {
                    ErrorKind kind = errorId == ErrorIds.RevocationCheckFailed ? ErrorKind.ConnectionError : ErrorKind.InvalidData;
                    throw new AppStoreJwsException(errorId, kind, path.Length == 0 ? message : $"{path}: {message}");
                }

                Checks!.Add(new JwsCheck(name, CheckResult.Fail, message));
                ErrorId = ErrorId ?? errorId;
            }
        }
    }
}
