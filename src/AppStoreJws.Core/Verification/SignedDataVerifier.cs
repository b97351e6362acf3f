using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text;
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
    public sealed class SignedDataVerifier
    {
        /// <summary>How long a good OCSP answer for a chain is reused, as Apple's libraries do.</summary>
        public static readonly TimeSpan RevocationCacheTime = TimeSpan.FromMinutes(15);

        /// <summary>Clock difference tolerated on certificate and OCSP times, as Apple's libraries do.</summary>
        internal static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

        // Apple rotates leaves every few months; a month of notifications holds a handful of chains.
        private const int MaximumCachedChains = 256;

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
        }

        /// <summary>The number of distinct chains evaluated and kept so far.</summary>
        public int CachedChainCount => chains.Count;

        /// <summary>
        /// Verifies one compact JWS and returns its decoded payload, or throws <see cref="AppStoreJwsException"/> with
        /// one of <see cref="SignedDataErrorIds"/> and a message saying what was found and what was expected.
        /// <paramref name="kind"/> forces the kind; otherwise it is told from the fields.
        /// </summary>
        public SignedDataPayload Verify(string signedData, SignedDataKind? kind = null)
        {
            Recorder recorder = new Recorder(throwOnFailure: true, string.Empty);
            return Run(signedData, kind, recorder)!;
        }

        /// <summary>Runs every check on one compact JWS and reports each; never throws for bad data.</summary>
        public SignedDataReport Test(string signedData, SignedDataKind? kind = null) => Test(signedData, kind, string.Empty);

        private SignedDataReport Test(string signedData, SignedDataKind? kind, string path)
        {
            Recorder recorder = new Recorder(throwOnFailure: false, path);
            SignedDataPayload? payload = Run(signedData, kind, recorder);
            return new SignedDataReport(path, signedData ?? string.Empty, recorder.Kind, recorder.Checks!, recorder.ErrorId, payload, recorder.Nested);
        }

        private SignedDataPayload? Run(string signedData, SignedDataKind? requestedKind, Recorder checks)
        {
            DecodedJws decoded;
            try
            {
                decoded = JwsDecoder.Decode(signedData);
            }
            catch (AppStoreJwsException e)
            {
                checks.Fail(SignedDataCheckNames.Structure, SignedDataErrorIds.MalformedSignedData, e.Message);
                return null;
            }

            SignedDataKind? told = requestedKind ?? SignedDataFields.TellKind(decoded.Payload);
            if (told == null)
            {
                string names = string.Join(", ", decoded.Payload.Keys.Cast<string>().Take(12));
                checks.Fail(SignedDataCheckNames.Structure, SignedDataErrorIds.MalformedSignedData, $"The payload is of no kind Apple signs (fields: {(names.Length == 0 ? "none" : names)}); expected a notification, transaction, renewal info, app transaction or real-time request, or name the kind.");
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

            CheckAppIdentity(kind, payload, payloadEnvironment, environmentSource, checks);
            SignedDataFields.ConvertDates(payload);
            SignedDataPayload result = new SignedDataPayload(kind, payload, decoded.Header, decoded.Token, decoded.PayloadJson, verified, at);
            if (kind == SignedDataKind.Notification)
            {
                DecodeNested(payload, checks);
            }

            return result;
        }

        private void SkipChain(Recorder checks, DecodedJws decoded)
        {
            string why = $"Not checked: {environment} data is not signed by the App Store, and the {environment} environment was expected.";
            checks.Skip(SignedDataCheckNames.Algorithm, why);
            checks.Skip(SignedDataCheckNames.ChainLength, why);
            checks.Skip(SignedDataCheckNames.Chain, why);
            checks.Skip(SignedDataCheckNames.LeafOid, why);
            checks.Skip(SignedDataCheckNames.IntermediateOid, why);
            checks.Skip(SignedDataCheckNames.Validity, why);
            if (online)
            {
                checks.Skip(SignedDataCheckNames.Revocation, why);
            }

            string kid = decoded.KeyId == null ? string.Empty : $" (kid '{decoded.KeyId}')";
            checks.Warn(SignedDataCheckNames.Signature, $"Not verified{kid}: decoded without a signature check because the {environment} environment was expected. Nothing about this data is vouched for by Apple.");
        }

        private void VerifyChainAndSignature(DecodedJws decoded, SignedDataKind kind, string? payloadEnvironment, DateTimeOffset at, DateTimeOffset? signedAt, Recorder checks)
        {
            if (decoded.Algorithm == "ES256")
            {
                checks.Pass(SignedDataCheckNames.Algorithm, "alg is ES256.");
            }
            else
            {
                checks.Fail(SignedDataCheckNames.Algorithm, SignedDataErrorIds.InvalidSignature, $"The header's alg is {Quote(decoded.Header["alg"])}; Apple signs with ES256.");
            }

            ChainEvaluation? chain = null;
            if (!TryReadChain(decoded.Header, out string[]? x5c, out string chainLengthProblem))
            {
                bool unsigned = payloadEnvironment == "Xcode" || payloadEnvironment == "LocalTesting";
                string hint = unsigned ? $" This is {payloadEnvironment} data, which the App Store does not sign: expect the {payloadEnvironment} environment to decode it unverified." : string.Empty;
                checks.Fail(SignedDataCheckNames.ChainLength, SignedDataErrorIds.InvalidChainLength, chainLengthProblem + hint);
            }
            else
            {
                checks.Pass(SignedDataCheckNames.ChainLength, "x5c holds 3 certificates (leaf, intermediate, root).");
                chain = GetChain(x5c!);
            }

            string? validityProblem = null;
            if (chain == null)
            {
                SkipAfterChain(checks, "there is no chain to check");
            }
            else if (chain.CertificateProblem != null)
            {
                checks.Fail(SignedDataCheckNames.Chain, SignedDataErrorIds.InvalidCertificate, chain.CertificateProblem);
                SkipAfterChain(checks, "a certificate could not be read");
                chain = null;
            }
            else
            {
                if (chain.ChainProblem != null)
                {
                    checks.Fail(SignedDataCheckNames.Chain, SignedDataErrorIds.InvalidChain, chain.ChainProblem);
                }
                else
                {
                    checks.Pass(SignedDataCheckNames.Chain, chain.ChainMessage);
                }

                Report(checks, SignedDataCheckNames.LeafOid, chain.LeafOidProblem, $"The leaf carries {CertificateFacts.LeafOid}.");
                Report(checks, SignedDataCheckNames.IntermediateOid, chain.IntermediateOidProblem, $"The intermediate carries {CertificateFacts.IntermediateOid}.");
                validityProblem = chain.ValidityProblem(at);
                string source = effectiveDate != null ? "the given effective date" : online ? "now (online)" : signedAt != null ? (kind == SignedDataKind.AppTransaction ? "receiptCreationDate" : "signedDate") : "now (the payload has no signing date)";
                Report(checks, SignedDataCheckNames.Validity, validityProblem, $"Every certificate is valid at {CertificateFacts.Iso(at)} ({source}).");
                CheckRevocation(chain, validityProblem == null, checks);
            }

            CheckSignature(decoded, chain, checks);
        }

        private static void SkipAfterChain(Recorder checks, string why)
        {
            if (checks.Checks == null)
            {
                return;
            }

            string message = $"Not checked: {why}.";
            if (!checks.Checks.Any(check => check.Name == SignedDataCheckNames.Chain))
            {
                checks.Skip(SignedDataCheckNames.Chain, message);
            }

            checks.Skip(SignedDataCheckNames.LeafOid, message);
            checks.Skip(SignedDataCheckNames.IntermediateOid, message);
            checks.Skip(SignedDataCheckNames.Validity, message);
            checks.Skip(SignedDataCheckNames.Revocation, message);
        }

        private void CheckRevocation(ChainEvaluation chain, bool valid, Recorder checks)
        {
            if (!online)
            {
                checks.Skip(SignedDataCheckNames.Revocation, "Not checked: offline (ask for online checks to query OCSP).");
                return;
            }

            if (!chain.IsTrusted || !valid)
            {
                checks.Skip(SignedDataCheckNames.Revocation, "Not checked: the chain is not trusted.");
                return;
            }

            DateTime now = DateTime.UtcNow;
            if (chain.RevocationGoodUntil > now)
            {
                checks.Pass(SignedDataCheckNames.Revocation, $"Leaf and intermediate are good by OCSP (answer reused until {CertificateFacts.Iso(new DateTimeOffset(chain.RevocationGoodUntil))}).");
                return;
            }

            RevocationStatus leaf = OcspChecker.Check(chain.Leaf!, chain.Intermediate!, "leaf", ocspTimeout);
            RevocationStatus intermediate = leaf.ErrorId == SignedDataErrorIds.Revoked ? leaf : OcspChecker.Check(chain.Intermediate!, chain.Root!, "intermediate", ocspTimeout);
            RevocationStatus? bad = leaf.ErrorId == SignedDataErrorIds.Revoked ? leaf
                : intermediate.ErrorId == SignedDataErrorIds.Revoked ? intermediate
                : !leaf.IsGood ? leaf
                : !intermediate.IsGood ? intermediate
                : null;
            if (bad != null)
            {
                checks.Fail(SignedDataCheckNames.Revocation, bad.ErrorId!, bad.Message);
                return;
            }

            chain.RevocationGoodUntil = now + RevocationCacheTime;
            checks.Pass(SignedDataCheckNames.Revocation, $"Leaf and intermediate are good by OCSP ({leaf.Message}; {intermediate.Message}).");
        }

        private static void CheckSignature(DecodedJws decoded, ChainEvaluation? chain, Recorder checks)
        {
            if (chain == null)
            {
                checks.Skip(SignedDataCheckNames.Signature, "Not checked: there is no leaf certificate to verify with.");
                return;
            }

            if (chain.LeafKeyProblem != null)
            {
                checks.Fail(SignedDataCheckNames.Signature, SignedDataErrorIds.InvalidSignature, chain.LeafKeyProblem);
                return;
            }

            byte[] signature = decoded.SignatureBytes;
            if (signature.Length != 64)
            {
                string der = signature.Length > 64 && signature[0] == 0x30 ? " (it looks like DER; JWS uses r‖s)" : string.Empty;
                checks.Fail(SignedDataCheckNames.Signature, SignedDataErrorIds.InvalidSignature, $"The signature is {signature.Length} bytes{der}; an ES256 signature is 64 bytes (r‖s).");
                return;
            }

            string token = decoded.Token;
            byte[] signingInput = Encoding.ASCII.GetBytes(token.Substring(0, token.LastIndexOf('.')));
            if (chain.VerifySignature(signingInput, signature))
            {
                checks.Pass(SignedDataCheckNames.Signature, "The signature verifies with the leaf's P-256 key.");
            }
            else
            {
                checks.Fail(SignedDataCheckNames.Signature, SignedDataErrorIds.InvalidSignature, "The signature does not verify with the leaf's key: the header or payload was changed after signing, or another key signed it.");
            }
        }

        private void CheckAppIdentity(SignedDataKind kind, IDictionary payload, string? payloadEnvironment, string environmentSource, Recorder checks)
        {
            IDictionary? section = SignedDataFields.AppSection(kind, payload);
            string where = kind == SignedDataKind.Notification ? NotificationSectionName(payload) + "." : string.Empty;

            if (bundleId == null)
            {
                checks.Skip(SignedDataCheckNames.BundleId, $"No bundle ID expected; {where}bundleId is {Quote(section?["bundleId"])}.");
            }
            else if (kind == SignedDataKind.RenewalInfo || kind == SignedDataKind.RealtimeRequest)
            {
                checks.Skip(SignedDataCheckNames.BundleId, $"A {Describe(kind)} carries no bundle ID.");
            }
            else if (section?["bundleId"] is string found && found == bundleId)
            {
                checks.Pass(SignedDataCheckNames.BundleId, $"{where}bundleId is '{found}'.");
            }
            else
            {
                checks.Fail(SignedDataCheckNames.BundleId, SignedDataErrorIds.InvalidAppIdentifier, $"{where}bundleId is {Quote(section?["bundleId"])}; expected '{bundleId}'.");
            }

            bool carriesAppleId = kind == SignedDataKind.Notification || kind == SignedDataKind.AppTransaction || kind == SignedDataKind.RealtimeRequest;
            object? appleId = section?["appAppleId"];
            if (appAppleId == null)
            {
                checks.Skip(SignedDataCheckNames.AppAppleId, appleId == null ? "No Apple ID expected." : $"No Apple ID expected; {where}appAppleId is {Quote(appleId)}.");
            }
            else if (!carriesAppleId)
            {
                checks.Skip(SignedDataCheckNames.AppAppleId, $"A {Describe(kind)} carries no appAppleId.");
            }
            else if (appleId is long number && number == appAppleId)
            {
                checks.Pass(SignedDataCheckNames.AppAppleId, $"{where}appAppleId is {number}.");
            }
            else if (appleId == null && environment != "Production")
            {
                checks.Skip(SignedDataCheckNames.AppAppleId, $"{where}appAppleId is absent (only production data must carry it).");
            }
            else
            {
                checks.Fail(SignedDataCheckNames.AppAppleId, SignedDataErrorIds.InvalidAppIdentifier, $"{where}appAppleId is {Quote(appleId)}; expected {appAppleId}.");
            }

            string read = $"{where}{environmentSource}";
            bool unsignedData = payloadEnvironment == "Xcode" || payloadEnvironment == "LocalTesting";
            if (environment == null && unsignedData)
            {
                checks.Fail(SignedDataCheckNames.Environment, SignedDataErrorIds.InvalidEnvironment, $"{read} is '{payloadEnvironment}': such data is not signed by the App Store and is refused unless that environment is expected.");
            }
            else if (environment == null)
            {
                checks.Skip(SignedDataCheckNames.Environment, $"No environment expected; {read} is {Quote(payloadEnvironment)}.");
            }
            else if (payloadEnvironment == environment)
            {
                checks.Pass(SignedDataCheckNames.Environment, $"{read} is '{payloadEnvironment}'.");
            }
            else
            {
                checks.Fail(SignedDataCheckNames.Environment, SignedDataErrorIds.InvalidEnvironment, $"{read} is {Quote(payloadEnvironment)}; expected '{environment}'.");
            }
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
                SignedDataPayload? decoded;
                if (checks.ThrowOnFailure)
                {
                    try
                    {
                        decoded = Verify(nested, kind);
                    }
                    catch (AppStoreJwsException e)
                    {
                        throw new AppStoreJwsException(e.ErrorId, e.Kind, $"{path}: {e.Message}", e);
                    }
                }
                else
                {
                    SignedDataReport report = Test(nested, kind, path);
                    checks.Nested.Add(report);
                    decoded = report.Payload;
                }

                if (decoded != null)
                {
                    section.Insert(IndexOf(section, field) + 1, decodedName, decoded);
                }
            }
        }

        private ChainEvaluation GetChain(string[] x5c)
        {
            if (chains.TryGetValue(x5c[0], out ChainEvaluation? cached)
                && string.Equals(cached.IntermediateText, x5c[1], StringComparison.Ordinal)
                && string.Equals(cached.RootText, x5c[2], StringComparison.Ordinal))
            {
                return cached;
            }

            ChainEvaluation evaluated = ChainEvaluation.Evaluate(x5c, trustedRoots);
            if (chains.Count >= MaximumCachedChains)
            {
                chains.Clear();
            }

            chains[x5c[0]] = evaluated;
            return evaluated;
        }

        private static bool TryReadChain(OrderedDictionary header, out string[]? x5c, out string problem)
        {
            x5c = null;
            object? value = header["x5c"];
            if (value == null)
            {
                problem = header.Contains("x5c") ? "The header's x5c is null; expected the 3 certificates (leaf, intermediate, root) Apple signs with." : "The header has no x5c; expected the 3 certificates (leaf, intermediate, root) Apple signs with.";
                return false;
            }

            if (!(value is IList list) || list.Cast<object?>().Any(item => !(item is string)))
            {
                problem = "The header's x5c is not an array of base64 strings; expected the 3 certificates (leaf, intermediate, root) Apple signs with.";
                return false;
            }

            if (list.Count != 3)
            {
                problem = $"The header's x5c holds {list.Count} certificate{(list.Count == 1 ? string.Empty : "s")}; Apple's chain has exactly 3 (leaf, intermediate, root).";
                return false;
            }

            x5c = new[] { (string)list[0]!, (string)list[1]!, (string)list[2]! };
            problem = string.Empty;
            return true;
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

        private static void Report(Recorder checks, string name, string? problem, string passMessage)
        {
            if (problem == null)
            {
                checks.Pass(name, passMessage);
            }
            else
            {
                checks.Fail(name, SignedDataErrorIds.InvalidChain, problem);
            }
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

        private static string Quote(object? value)
        {
            switch (value)
            {
                case null: return "absent";
                case string text: return "'" + text + "'";
                case IConvertible convertible: return convertible.ToString(CultureInfo.InvariantCulture) + " (a " + (value is bool ? "boolean" : "number") + ")";
                default: return "an object";
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

            public SignedDataKind? Kind { get; set; }

            public string? ErrorId { get; private set; }

            public void Pass(string name, string message) => Checks?.Add(new JwsCheck(name, CheckResult.Pass, message));

            public void Warn(string name, string message) => Checks?.Add(new JwsCheck(name, CheckResult.Warning, message));

            public void Skip(string name, string message) => Checks?.Add(new JwsCheck(name, CheckResult.Skipped, message));

            public void Fail(string name, string errorId, string message)
            {
                if (ThrowOnFailure)
                {
                    ErrorKind kind = errorId == SignedDataErrorIds.RevocationCheckFailed ? ErrorKind.ConnectionError : ErrorKind.InvalidData;
                    throw new AppStoreJwsException(errorId, kind, path.Length == 0 ? message : $"{path}: {message}");
                }

                Checks!.Add(new JwsCheck(name, CheckResult.Fail, message));
                ErrorId = ErrorId ?? errorId;
            }
        }
    }
}
