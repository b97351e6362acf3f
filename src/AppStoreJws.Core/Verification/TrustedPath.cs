using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using AppStoreJws.Errors;

namespace AppStoreJws.Verification
{
    /// <summary>
    /// The path from x5c's leaf through its intermediate to one of the trusted roots, built by the platform's
    /// <see cref="X509Chain"/> (signatures, name chaining, CA constraints). What the platform does not decide stays
    /// the verifier's: Apple's OIDs, validity at the effective date (with Apple's one-minute skew) and OCSP.
    /// </summary>
    internal static class TrustedPath
    {
        // Validity is checked per payload at its effective date, while a path is built once per distinct chain and
        // reused by every payload it signed; so the platform is told to ignore time here, not to check a second date.
        private const X509VerificationFlags IgnoreTime =
            X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid | X509VerificationFlags.IgnoreNotTimeNested;

        /// <summary>
        /// The trusted root of the path leaf → intermediate → root, or null when the platform builds no such path of
        /// exactly three certificates. The carried root of x5c is never offered: only <paramref name="trustedRoots"/> anchor.
        /// </summary>
        public static X509Certificate2? Build(X509Certificate2 leaf, X509Certificate2 intermediate, IList<X509Certificate2> trustedRoots)
        {
            if (trustedRoots.Count == 0)
            {
                return null;
            }

            using (X509Chain chain = NewChain(leaf, intermediate, trustedRoots))
            {
                try
                {
                    if (!chain.Build(leaf) || chain.ChainElements.Count != 3)
                    {
                        return null;
                    }

                    X509ChainElementCollection elements = chain.ChainElements;
                    bool throughIntermediate = elements[1].Certificate.RawData.AsSpan().SequenceEqual(intermediate.RawData);
                    X509Certificate2? root = trustedRoots.FirstOrDefault(trusted => trusted.RawData.AsSpan().SequenceEqual(elements[2].Certificate.RawData));

                    // A certificate without basic constraints CA:TRUE issues nothing, whatever a platform's defaults.
                    return throughIntermediate && CertificateFacts.IsCertificateAuthority(intermediate) ? root : null;
                }
                finally
                {
                    foreach (X509ChainElement element in chain.ChainElements)
                    {
                        element.Certificate.Dispose();
                    }
                }
            }
        }

        /// <summary>Why no trusted path was built, in the words of the link that breaks.</summary>
        public static string Explain(X509Certificate2 leaf, X509Certificate2 intermediate, X509Certificate2 carriedRoot, IList<X509Certificate2> trustedRoots)
        {
            if (!trustedRoots.Any(root => CertificateSignature.IsIssuedBy(intermediate, root)))
            {
                string carried = CertificateSignature.IsIssuedBy(intermediate, carriedRoot)
                    ? $" It chains to the token's own root {CertificateFacts.Describe(carriedRoot)}, which is never trusted."
                    : string.Empty;
                return $"The intermediate {CertificateFacts.Describe(intermediate)} (issuer {UntrustedText.Quote(intermediate.Issuer)}) was not issued by a trusted root; trusted: {DescribeRoots(trustedRoots)}.{carried}";
            }

            if (!CertificateFacts.IsCertificateAuthority(intermediate))
            {
                return $"The intermediate {CertificateFacts.Describe(intermediate)} is not a certificate authority (no basic constraints CA:TRUE), so it cannot issue the leaf.";
            }

            if (!CertificateSignature.IsIssuedBy(leaf, intermediate))
            {
                return $"The leaf {CertificateFacts.Describe(leaf)} (issuer {UntrustedText.Quote(leaf.Issuer)}) was not signed by the intermediate {CertificateFacts.Describe(intermediate)}.";
            }

            return $"The platform builds no path {CertificateFacts.Describe(leaf)} → {CertificateFacts.Describe(intermediate)} → a trusted root ({DescribeRoots(trustedRoots)}), though each signature checks: {PlatformStatus(leaf, intermediate, trustedRoots)}.";
        }

        private static string PlatformStatus(X509Certificate2 leaf, X509Certificate2 intermediate, IList<X509Certificate2> trustedRoots)
        {
            using (X509Chain chain = NewChain(leaf, intermediate, trustedRoots))
            {
                chain.Build(leaf);
                IEnumerable<string> statuses = chain.ChainStatus
                    .Where(status => (status.Status & (X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested)) == 0)
                    .Select(status => UntrustedText.Quote(status.StatusInformation.Trim().TrimEnd('.')));
                string text = string.Join("; ", statuses);
                int length = chain.ChainElements.Count;
                foreach (X509ChainElement element in chain.ChainElements)
                {
                    element.Certificate.Dispose();
                }

                return text.Length == 0 ? $"a path of {length} certificate{(length == 1 ? string.Empty : "s")}, where Apple's has 3" : text;
            }
        }

        // Only the given roots anchor, only x5c's intermediate links, and nothing is fetched: no AIA download, no CRL.
        private static X509Chain NewChain(X509Certificate2 leaf, X509Certificate2 intermediate, IList<X509Certificate2> trustedRoots)
        {
            X509Chain chain = new X509Chain();
            X509ChainPolicy policy = chain.ChainPolicy;
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(trustedRoots.ToArray());
            policy.ExtraStore.Add(intermediate);
            policy.RevocationMode = X509RevocationMode.NoCheck;
            policy.VerificationFlags = IgnoreTime;
            policy.VerificationTime = leaf.NotBefore;
            policy.DisableCertificateDownloads = true;
            return chain;
        }

        private static string DescribeRoots(IList<X509Certificate2> roots) =>
            string.Join(", ", roots.Select(CertificateFacts.Describe));
    }
}
