using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AppStoreJws.Errors;
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

        /// <summary>
        /// The most bytes one certificate of x5c may have: Apple's are under 1.5 KB. A certificate is parsed only
        /// below it, so a blob of megabytes (or a PKCS#12 container, refused by the loader anyway) costs nothing.
        /// </summary>
        public const int MaximumCertificateBytes = 16 * 1024;

        private static readonly string[] Positions = { "leaf (x5c[0])", "intermediate (x5c[1])", "root (x5c[2])" };

        /// <summary>
        /// Reads and evaluates one chain. Never throws for a bad certificate: every parse, key and signature operation
        /// on these attacker-supplied bytes is guarded, and what fails is the evaluation's <see cref="CertificateProblem"/>.
        /// </summary>
        public static ChainEvaluation Evaluate(IReadOnlyList<string> x5c, IList<X509Certificate2> trustedRoots)
        {
            ChainEvaluation result = new ChainEvaluation(x5c[0], x5c[1], x5c[2]);
            X509Certificate2[] certificates = new X509Certificate2[3];
            for (int i = 0; i < 3; i++)
            {
                string? problem = TryLoad(x5c[i], out X509Certificate2? certificate);
                if (problem != null)
                {
                    result.CertificateProblem = $"The {Positions[i]} is not a usable certificate: {problem}.";
                    return result;
                }

                certificates[i] = certificate!;
            }

            try
            {
                result.Examine(certificates[0], certificates[1], certificates[2], trustedRoots);
            }
            catch (Exception e) when (IsCertificateFailure(e))
            {
                // A certificate that loads can still hold an extension, name or key no operation can read.
                result.CertificateProblem = $"A certificate of x5c could not be used: {UntrustedText.Quote(e.Message.TrimEnd('.'))}.";
                result.LeafKey?.Dispose();
                result.LeafKey = null;
            }

            return result;
        }

        /// <summary>The exceptions .NET and the platform's crypto library raise for certificate bytes they cannot use.</summary>
        internal static bool IsCertificateFailure(Exception e) =>
            e is CryptographicException || e is AsnContentException || e is FormatException || e is ArgumentException
            || e is NotSupportedException || e is InvalidOperationException || e is OverflowException;

        /// <summary>Null and the certificate, or why the text is not one: canonical standard base64 of DER X.509 within the size bound, whose parts all read.</summary>
        private static string? TryLoad(string text, out X509Certificate2? certificate)
        {
            certificate = null;
            if (text.Length > (MaximumCertificateBytes + 2) / 3 * 4)
            {
                return $"its base64 is {text.Length} characters, more than the {MaximumCertificateBytes} bytes a certificate here may have (Apple's are under 1.5 KB)";
            }

            byte[] der;
            try
            {
                der = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                return "expected standard base64 of a DER X.509 certificate, found text that is not base64";
            }

            // Convert skips white space and ignores the unused bits of the last character: only one text per certificate.
            if (!string.Equals(Convert.ToBase64String(der), text, StringComparison.Ordinal))
            {
                return "its base64 is not canonical (white space, or bits set past the last byte); Apple writes each certificate as one canonical base64 string";
            }

            try
            {
                certificate = X509CertificateLoader.LoadCertificate(der);
                ReadEveryPart(certificate);
                return null;
            }
            catch (Exception e) when (IsCertificateFailure(e))
            {
                certificate?.Dispose();
                certificate = null;
                return $"expected a DER X.509 certificate with a key .NET can read ({UntrustedText.Quote(e.Message.TrimEnd('.'))})";
            }
        }

        // The loader defers some parsing; read now what the checks will read, so a failure names its certificate.
        private static void ReadEveryPart(X509Certificate2 certificate)
        {
            _ = certificate.SubjectName.Name;
            _ = certificate.IssuerName.Name;
            _ = certificate.NotBefore;
            _ = certificate.NotAfter;
            foreach (X509Extension extension in certificate.Extensions)
            {
                _ = extension.Oid?.Value;
            }

            if (certificate.PublicKey.Oid.Value == Oids.EcPublicKey)
            {
                using (ECDsa? key = certificate.GetECDsaPublicKey())
                {
                    _ = key?.KeySize;
                }
            }
        }

        private void Examine(X509Certificate2 leaf, X509Certificate2 intermediate, X509Certificate2 carriedRoot, IList<X509Certificate2> trustedRoots)
        {
            Leaf = leaf;
            Intermediate = intermediate;
            Root = TrustedPath.Build(leaf, intermediate, trustedRoots);
            if (Root != null)
            {
                ChainMessage = $"{CertificateFacts.Describe(leaf)} → {CertificateFacts.Describe(intermediate)} → trusted root {CertificateFacts.Describe(Root)} (SHA-256 {Sha256(Root)}).";
            }
            else
            {
                ChainProblem = TrustedPath.Explain(leaf, intermediate, carriedRoot, trustedRoots);
            }

            if (!CertificateFacts.HasExtension(leaf, Oids.AppleSigningLeaf))
            {
                LeafOidProblem = $"The leaf {CertificateFacts.Describe(leaf)} lacks the extension {Oids.AppleSigningLeaf} that App Store signing certificates carry.";
            }

            if (!CertificateFacts.HasExtension(intermediate, Oids.AppleWwdrIntermediate))
            {
                IntermediateOidProblem = $"The intermediate {CertificateFacts.Describe(intermediate)} lacks the extension {Oids.AppleWwdrIntermediate} of Apple's Worldwide Developer Relations intermediates.";
            }

            ECDsa? key = leaf.GetECDsaPublicKey();
            if (key == null || key.KeySize != 256)
            {
                LeafKeyProblem = $"The leaf's key is {(key == null ? UntrustedText.Quote(leaf.PublicKey.Oid.FriendlyName ?? leaf.PublicKey.Oid.Value) : "EC " + key.KeySize + "-bit")}; ES256 needs an EC P-256 key.";
                key?.Dispose();
            }
            else
            {
                LeafKey = key;
            }
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
    }
}
