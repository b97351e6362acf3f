using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using AppStoreJws.Errors;

namespace AppStoreJws.Keys
{
    /// <summary>The identifiers that go with a key; the key ID may instead come from the file name.</summary>
    internal sealed class KeyIdentity
    {
        public string? KeyId { get; set; }

        public string? IssuerId { get; set; }

        public string? BundleId { get; set; }

        public long? AppAppleId { get; set; }
    }

    /// <summary>What loading a key found and changed, for verbose output and warnings. Never key material.</summary>
    internal sealed class KeyLoadReport
    {
        public List<string> Repairs { get; } = new List<string>();

        public List<string> Warnings { get; } = new List<string>();

        public string Format { get; internal set; } = string.Empty;
    }

    /// <summary>
    /// The one key loader: turns any of the key forms described in docs/WireFormat.md into an <see cref="AppStoreKey"/>, or
    /// throws an <see cref="AppStoreJwsException"/> whose id names the problem.
    /// </summary>
    internal static class AppStoreKeyLoader
    {
        public static AppStoreKey LoadFile(string path, KeyIdentity identity, KeyLoadReport report)
        {
            string text = KeyText.Decode(KeyFileReader.Read(path), report.Repairs);
            return Load(text, path, identity, report);
        }

        public static AppStoreKey LoadText(string text, string source, KeyIdentity identity, KeyLoadReport report) =>
            Load(text, source, identity, report);

        private static AppStoreKey Load(string text, string source, KeyIdentity identity, KeyLoadReport report)
        {
            // Identifiers are checked first: they are cheap, and a swapped pair is the likelier mistake.
            string keyId = ResolveKeyId(identity.KeyId, source, report);
            string? issuerId = identity.IssuerId == null ? null : AppStoreIdentifiers.ValidateIssuerId(identity.IssuerId);
            string? bundleId = identity.BundleId == null ? null : AppStoreIdentifiers.ValidateBundleId(identity.BundleId);

            EcPrivateKeyParts parts = ReadKeyParts(text, report, depth: 0);
            ECParameters parameters = CompleteAndCheck(parts);
            return new AppStoreKey(parameters, keyId, issuerId, bundleId, source, report.Format) { AppAppleId = identity.AppAppleId };
        }

        private static string ResolveKeyId(string? given, string source, KeyLoadReport report)
        {
            string? fromFileName = AppStoreIdentifiers.KeyIdFromFileName(source);
            if (given != null)
            {
                AppStoreIdentifiers.ValidateKeyId(given);
                if (fromFileName != null && !string.Equals(fromFileName, given, StringComparison.Ordinal))
                {
                    report.Warnings.Add(
                        $"The key ID '{given}' differs from the key ID '{fromFileName}' in the file name '{Path.GetFileName(source)}'. " +
                        "Tokens will carry kid '" + given + "'; Apple rejects them if that is not this key's ID.");
                }

                return given;
            }

            if (fromFileName != null && AppStoreIdentifiers.IsKeyId(fromFileName))
            {
                return fromFileName;
            }

            throw new AppStoreJwsException(ErrorIds.KeyIdMissing, ErrorKind.InvalidArgument,
                "No key ID: pass -KeyId with the 10-character key ID shown in App Store Connect (such as 2X9R4HXF34), " +
                "or load the key from its original AuthKey_<KEYID>.p8 or SubscriptionKey_<KEYID>.p8 file so the ID can be read from the name.");
        }

        private static EcPrivateKeyParts ReadKeyParts(string rawText, KeyLoadReport report, int depth)
        {
            string text = KeyText.Clean(rawText, report.Repairs);
            if (text.Length == 0)
            {
                throw new AppStoreJwsException(ErrorIds.KeyEmpty, ErrorKind.InvalidData,
                    $"The key is empty; {EcPrivateKeyReader.Expected}.");
            }

            if (KeyEncoding.HasPemBlock(text))
            {
                return ReadPem(text, report);
            }

            byte[] der = DecodeBase64(text, "the key text");
            if (depth == 0 && LooksLikePem(der))
            {
                report.Repairs.Add("decoded the base64 of a whole PEM file");
                return ReadKeyParts(Encoding.UTF8.GetString(der), report, depth + 1);
            }

            report.Format = "DER (base64 body without PEM lines)";
            report.Repairs.Add("read a bare base64 key body without BEGIN/END lines");
            return EcPrivateKeyReader.ReadUnlabelled(der);
        }

        private static EcPrivateKeyParts ReadPem(string text, KeyLoadReport report)
        {
            PemBlock? chosen = null;
            foreach (PemBlock block in KeyEncoding.PemBlocks(text))
            {
                // openssl ecparam -genkey writes an EC PARAMETERS block before the key.
                if (block.Label == KeyEncoding.EcParametersLabel)
                {
                    continue;
                }

                if (chosen != null)
                {
                    // Which one was meant cannot be known; signing with the wrong one fails only at Apple.
                    throw new AppStoreJwsException(ErrorIds.KeyTextHoldsSeveralKeys, ErrorKind.InvalidData,
                        $"The key text holds more than one PEM block ({chosen.Label}, then {block.Label}); expected exactly one private key. " +
                        "Keep one key per file or variable (App Store Connect's AuthKey_<KEYID>.p8 holds one).");
                }

                chosen = block;
            }

            if (chosen == null)
            {
                throw EcPrivateKeyReader.NotRecognized("PEM text with no key block");
            }

            string label = chosen.Label;
            if (!chosen.IsComplete)
            {
                throw EcPrivateKeyReader.Truncated($"the {KeyEncoding.EndLine(label)} line is missing");
            }

            string body = chosen.Body;
            if (body.IndexOf('\n') < 0 && body.Length > 64)
            {
                report.Repairs.Add("read a PEM body without line breaks");
            }

            byte[] der = DecodeBase64(body, "the PEM body");
            switch (label)
            {
                case KeyEncoding.Pkcs8Label:
                    report.Format = "PKCS#8 PEM";
                    return EcPrivateKeyReader.ReadPkcs8(der);
                case KeyEncoding.Sec1Label:
                    report.Format = "SEC1 PEM (EC PRIVATE KEY)";
                    return EcPrivateKeyReader.ReadSec1(der);
                case KeyEncoding.EncryptedPkcs8Label:
                    throw EcPrivateKeyReader.Encrypted();
                case KeyEncoding.PublicKeyLabel:
                case KeyEncoding.EcPublicKeyLabel:
                    return EcPrivateKeyReader.ReadPublicKeyInfo(der);
                case KeyEncoding.CertificateLabel:
                case KeyEncoding.TrustedCertificateLabel:
                    throw EcPrivateKeyReader.Certificate();
                case "RSA PRIVATE KEY":
                case "RSA PUBLIC KEY":
                case "DSA PRIVATE KEY":
                case "OPENSSH PRIVATE KEY":
                    return EcPrivateKeyReader.ReadUnlabelled(der);
                default:
                    throw EcPrivateKeyReader.NotRecognized($"a PEM block labelled '{label}'");
            }
        }

        private static byte[] DecodeBase64(string text, string what)
        {
            string compact = Base64Text.RemoveWhiteSpace(text);
            foreach (char c in compact)
            {
                if (!Base64Text.IsStandardCharacter(c))
                {
                    throw EcPrivateKeyReader.NotRecognized($"{what} with characters that are neither PEM nor base64 (such as '{Base64Text.Show(c, string.Empty)}')");
                }
            }

            if (compact.Length % 4 != 0)
            {
                throw EcPrivateKeyReader.Truncated($"{what} has {compact.Length} base64 characters, not a multiple of 4");
            }

            return Base64Text.TryDecode(compact) ?? throw EcPrivateKeyReader.Truncated($"{what} is not valid base64");
        }

        private static bool LooksLikePem(byte[] bytes)
        {
            return KeyEncoding.StartsWithPem(Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 64)));
        }

        /// <summary>
        /// Derives the public point from the private scalar, and refuses a key whose embedded public point
        /// belongs to another scalar (a damaged or hand-assembled key that would sign with the wrong identity).
        /// </summary>
        private static ECParameters CompleteAndCheck(EcPrivateKeyParts parts)
        {
            ECParameters derived;
            try
            {
                using (ECDsa ecdsa = ECDsa.Create())
                {
                    ecdsa.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = parts.PrivateScalar });
                    derived = ecdsa.ExportParameters(includePrivateParameters: true);
                }
            }
            catch (CryptographicException)
            {
                throw new AppStoreJwsException(ErrorIds.KeyInvalidScalar, ErrorKind.InvalidData,
                    "The key's private scalar is not a valid P-256 private key (it is zero or not below the curve order); expected an EC P-256 private key as downloaded from App Store Connect.");
            }

            if (parts.PublicPoint != null && !PublicPointMatches(parts.PublicPoint, derived.Q))
            {
                throw new AppStoreJwsException(ErrorIds.KeyPublicPointMismatch, ErrorKind.InvalidData,
                    "The key is inconsistent: the public key embedded in it does not belong to its private key. " +
                    "The file is damaged or was assembled from two keys; download the key again or use the original AuthKey_<KEYID>.p8 file.");
            }

            return derived;
        }

        // Public points are not secret, so an ordinary comparison is fine here.
        private static bool PublicPointMatches(byte[] embedded, ECPoint derived)
        {
            byte[] uncompressed = KeyEncoding.UncompressedPoint(derived);
            if (embedded.Length == 65)
            {
                return embedded.SequenceEqual(uncompressed);
            }

            if (embedded.Length == 33 && (embedded[0] == 0x02 || embedded[0] == 0x03))
            {
                bool yIsOdd = (derived.Y![31] & 1) == 1;
                byte[] x = new byte[32];
                Buffer.BlockCopy(embedded, 1, x, 0, 32);
                return (embedded[0] == 0x03) == yIsOdd && x.SequenceEqual(derived.X!);
            }

            return false;
        }
    }
}
