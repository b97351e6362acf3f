using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AppStoreJws.Keys;

namespace AppStoreJws.Verification
{
    /// <summary>
    /// Everything about one x5c chain that does not depend on the payload: parsed certificates, the path to a
    /// trusted root, the Apple OIDs, the leaf's key. Computed once per distinct chain and shared by every
    /// payload it signed (immutable, so shared across threads); validity and revocation are checked per use.
    /// </summary>
    internal sealed class ChainEvaluation
    {
        private readonly object verifyLock = new object();
        private long revocationGoodUntilTicks;

        private ChainEvaluation(string leafText, string intermediateText, string rootText)
        {
            LeafText = leafText;
            IntermediateText = intermediateText;
            RootText = rootText;
        }

        /// <summary>x5c[0] and x5c[1] as they appeared; the cache compares them before reusing an evaluation.</summary>
        public string LeafText { get; }

        public string IntermediateText { get; }

        public string RootText { get; }

        public X509Certificate2? Leaf { get; private set; }

        public X509Certificate2? Intermediate { get; private set; }

        /// <summary>The trusted root the intermediate chains to; null when none does.</summary>
        public X509Certificate2? Root { get; private set; }

        /// <summary>Why a certificate could not be read (InvalidCertificate); null when all three parse.</summary>
        public string? CertificateProblem { get; private set; }

        /// <summary>Why there is no path to a trusted root (InvalidChain); null when there is one.</summary>
        public string? ChainProblem { get; private set; }

        public string ChainMessage { get; private set; } = string.Empty;

        public string? LeafOidProblem { get; private set; }

        public string? IntermediateOidProblem { get; private set; }

        /// <summary>Why the leaf's key cannot verify an ES256 signature; null when it is P-256.</summary>
        public string? LeafKeyProblem { get; private set; }

        public ECDsa? LeafKey { get; private set; }

        public bool IsTrusted => CertificateProblem == null && ChainProblem == null && LeafOidProblem == null && IntermediateOidProblem == null;

        /// <summary>Until when (UTC ticks) a good OCSP answer for leaf and intermediate may be reused.</summary>
        public DateTime RevocationGoodUntil
        {
            get => new DateTime(Interlocked.Read(ref revocationGoodUntilTicks), DateTimeKind.Utc);
            set => Interlocked.Exchange(ref revocationGoodUntilTicks, value.Ticks);
        }

        /// <summary>ES256 over <paramref name="signingInput"/>; one verification at a time per key object.</summary>
        public bool VerifySignature(byte[] signingInput, byte[] p1363)
        {
            lock (verifyLock)
            {
                return LeafKey!.VerifyData(signingInput, p1363, HashAlgorithmName.SHA256);
            }
        }

        public static ChainEvaluation Evaluate(IReadOnlyList<string> x5c, IList<X509Certificate2> trustedRoots)
        {
            ChainEvaluation result = new ChainEvaluation(x5c[0], x5c[1], x5c[2]);
            X509Certificate2?[] certificates = new X509Certificate2?[3];
            string[] positions = { "leaf (x5c[0])", "intermediate (x5c[1])", "root (x5c[2])" };
            for (int i = 0; i < 3; i++)
            {
                try
                {
                    certificates[i] = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(x5c[i]));
                }
                catch (Exception e) when (e is FormatException || e is CryptographicException)
                {
                    result.CertificateProblem = $"The {positions[i]} is not a certificate: expected standard base64 of a DER X.509 certificate ({e.Message.TrimEnd('.')}).";
                    return result;
                }
            }

            X509Certificate2 leaf = certificates[0]!;
            X509Certificate2 intermediate = certificates[1]!;
            X509Certificate2 carriedRoot = certificates[2]!;
            result.Leaf = leaf;
            result.Intermediate = intermediate;

            foreach (X509Certificate2 root in trustedRoots)
            {
                if (CertificateSignature.IsIssuedBy(intermediate, root))
                {
                    result.Root = root;
                    break;
                }
            }

            if (result.Root == null)
            {
                string carried = CertificateSignature.IsIssuedBy(intermediate, carriedRoot)
                    ? $" It chains to the token's own root {CertificateFacts.Describe(carriedRoot)}, which is never trusted."
                    : string.Empty;
                result.ChainProblem = $"The intermediate {CertificateFacts.Describe(intermediate)} (issuer {intermediate.Issuer}) was not issued by a trusted root; trusted: {DescribeRoots(trustedRoots)}.{carried}";
            }
            else if (!CertificateFacts.IsCertificateAuthority(intermediate))
            {
                result.ChainProblem = $"The intermediate {CertificateFacts.Describe(intermediate)} is not a certificate authority (no basic constraints CA:TRUE), so it cannot issue the leaf.";
            }
            else if (!CertificateSignature.IsIssuedBy(leaf, intermediate))
            {
                result.ChainProblem = $"The leaf {CertificateFacts.Describe(leaf)} (issuer {leaf.Issuer}) was not signed by the intermediate {CertificateFacts.Describe(intermediate)}.";
            }
            else
            {
                result.ChainMessage = $"{CertificateFacts.Describe(leaf)} → {CertificateFacts.Describe(intermediate)} → trusted root {CertificateFacts.Describe(result.Root)} (SHA-256 {Sha256(result.Root)}).";
            }

            if (!CertificateFacts.HasExtension(leaf, Oids.AppleSigningLeaf))
            {
                result.LeafOidProblem = $"The leaf {CertificateFacts.Describe(leaf)} lacks the extension {Oids.AppleSigningLeaf} that App Store signing certificates carry.";
            }

            if (!CertificateFacts.HasExtension(intermediate, Oids.AppleWwdrIntermediate))
            {
                result.IntermediateOidProblem = $"The intermediate {CertificateFacts.Describe(intermediate)} lacks the extension {Oids.AppleWwdrIntermediate} of Apple's Worldwide Developer Relations intermediates.";
            }

            ECDsa? key = leaf.GetECDsaPublicKey();
            if (key == null || key.KeySize != 256)
            {
                result.LeafKeyProblem = $"The leaf's key is {(key == null ? leaf.PublicKey.Oid.FriendlyName ?? leaf.PublicKey.Oid.Value : "EC " + key.KeySize + "-bit")}; ES256 needs an EC P-256 key.";
                key?.Dispose();
            }
            else
            {
                result.LeafKey = key;
            }

            return result;
        }

        /// <summary>Why a certificate of the chain is not valid at <paramref name="at"/> (with Apple's one-minute skew), or null.</summary>
        public string? ValidityProblem(DateTimeOffset at)
        {
            foreach ((string role, X509Certificate2? certificate) in new[] { ("leaf", Leaf), ("intermediate", Intermediate), ("root", Root) })
            {
                if (certificate == null)
                {
                    continue;
                }

                DateTimeOffset notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
                DateTimeOffset notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
                if (at < notBefore - SignedDataVerifier.ClockSkew || at > notAfter + SignedDataVerifier.ClockSkew)
                {
                    return $"The {role} {CertificateFacts.Describe(certificate)} is valid from {CertificateFacts.Iso(notBefore)} to {CertificateFacts.Iso(notAfter)}, not at the effective date {CertificateFacts.Iso(at)}.";
                }
            }

            return null;
        }

        public static string Sha256(X509Certificate2 certificate)
        {
            using (SHA256 sha = SHA256.Create())
            {
                return BitConverter.ToString(sha.ComputeHash(certificate.RawData)).Replace("-", string.Empty);
            }
        }

        private static string DescribeRoots(IList<X509Certificate2> roots)
        {
            List<string> names = new List<string>();
            foreach (X509Certificate2 root in roots)
            {
                names.Add(CertificateFacts.Describe(root));
            }

            return string.Join(", ", names);
        }
    }
}
