using System;
using System.Collections;
using System.Collections.Specialized;
using System.Linq;
using System.Text;
using AppStoreJws.Errors;
using AppStoreJws.Inspection;
using AppStoreJws.Keys;

namespace AppStoreJws.Verification
{
    /// <summary>
    /// The header's side of verification: alg, the x5c chain (read, evaluated once per distinct chain and cached),
    /// the certificates' OIDs, validity and revocation, and the signature with the leaf's key.
    /// </summary>
    internal sealed partial class SignedDataVerifier
    {
        // Apple rotates leaves every few months; a month of notifications holds a handful of chains.
        private const int MaximumCachedChains = 256;

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

            string kid = decoded.KeyId == null ? string.Empty : $" (kid '{UntrustedText.Quote(decoded.KeyId)}')";
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
                checks.Fail(SignedDataCheckNames.Algorithm, ErrorIds.InvalidSignature, $"The header's alg is {Quote(decoded.Header["alg"])}; Apple signs with ES256.");
            }

            ChainEvaluation? chain = null;
            if (!TryReadChain(decoded.Header, out string[]? x5c, out string chainLengthProblem))
            {
                bool unsigned = payloadEnvironment == "Xcode" || payloadEnvironment == "LocalTesting";
                string hint = unsigned ? $" This is {payloadEnvironment} data, which the App Store does not sign: expect the {payloadEnvironment} environment to decode it unverified." : string.Empty;
                checks.Fail(SignedDataCheckNames.ChainLength, ErrorIds.InvalidChainLength, chainLengthProblem + hint);
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
                checks.Fail(SignedDataCheckNames.Chain, ErrorIds.InvalidCertificate, chain.CertificateProblem);
                SkipAfterChain(checks, "a certificate could not be read");
                chain = null;
            }
            else
            {
                if (chain.ChainProblem != null)
                {
                    checks.Fail(SignedDataCheckNames.Chain, ErrorIds.InvalidChain, chain.ChainProblem);
                }
                else
                {
                    checks.Pass(SignedDataCheckNames.Chain, chain.ChainMessage);
                }

                Report(checks, SignedDataCheckNames.LeafOid, chain.LeafOidProblem, $"The leaf carries {Oids.AppleSigningLeaf}.");
                Report(checks, SignedDataCheckNames.IntermediateOid, chain.IntermediateOidProblem, $"The intermediate carries {Oids.AppleWwdrIntermediate}.");
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

            RevocationStatus leaf = OcspChecker.Check(chain.Leaf!, chain.Intermediate!, "leaf", ocspTimeout, cancellation);
            RevocationStatus intermediate = leaf.ErrorId == ErrorIds.Revoked ? leaf : OcspChecker.Check(chain.Intermediate!, chain.Root!, "intermediate", ocspTimeout, cancellation);
            RevocationStatus? bad = leaf.ErrorId == ErrorIds.Revoked ? leaf
                : intermediate.ErrorId == ErrorIds.Revoked ? intermediate
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
                checks.Fail(SignedDataCheckNames.Signature, ErrorIds.InvalidSignature, chain.LeafKeyProblem);
                return;
            }

            byte[] signature = decoded.SignatureBytes;
            if (signature.Length != 64)
            {
                string der = signature.Length > 64 && signature[0] == 0x30 ? " (it looks like DER; JWS uses r‖s)" : string.Empty;
                checks.Fail(SignedDataCheckNames.Signature, ErrorIds.InvalidSignature, $"The signature is {signature.Length} bytes{der}; an ES256 signature is 64 bytes (r‖s).");
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
                checks.Fail(SignedDataCheckNames.Signature, ErrorIds.InvalidSignature, "The signature does not verify with the leaf's key: the header or payload was changed after signing, or another key signed it.");
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

        private static void Report(Recorder checks, string name, string? problem, string passMessage)
        {
            if (problem == null)
            {
                checks.Pass(name, passMessage);
            }
            else
            {
                checks.Fail(name, ErrorIds.InvalidChain, problem);
            }
        }
    }
}
