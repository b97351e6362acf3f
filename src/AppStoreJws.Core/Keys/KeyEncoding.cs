using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AppStoreJws.Keys
{
    /// <summary>One block of PEM text: its label, the text between its armour lines, and whether its END line was found.</summary>
    internal sealed class PemBlock
    {
        public PemBlock(string label, string body, bool isComplete)
        {
            Label = label;
            Body = body;
            IsComplete = isComplete;
        }

        public string Label { get; }

        public string Body { get; }

        public bool IsComplete { get; }
    }

    /// <summary>
    /// The encodings of P-256 keys, read and written in one place: PEM armour and its labels (RFC 7468), and the
    /// public point as SubjectPublicKeyInfo (RFC 5480).
    /// </summary>
    internal static class KeyEncoding
    {
        /// <summary>The PEM label of PKCS#8, the form of App Store Connect's .p8 files.</summary>
        public const string Pkcs8Label = "PRIVATE KEY";

        /// <summary>The PEM label of SEC1, what openssl ec writes.</summary>
        public const string Sec1Label = "EC PRIVATE KEY";

        public const string EncryptedPkcs8Label = "ENCRYPTED PRIVATE KEY";

        public const string PublicKeyLabel = "PUBLIC KEY";

        public const string EcPublicKeyLabel = "EC PUBLIC KEY";

        public const string CertificateLabel = "CERTIFICATE";

        public const string TrustedCertificateLabel = "TRUSTED CERTIFICATE";

        /// <summary>What openssl ecparam -genkey writes before the key.</summary>
        public const string EcParametersLabel = "EC PARAMETERS";

        private const string BeginPrefix = "-----BEGIN ";

        // A block runs to the END line of its own label, or to the end of the text when that line is missing.
        private static readonly Regex Block = new Regex(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)(?:-----END \\1-----|$)", RegexOptions.Singleline | RegexOptions.CultureInvariant);

        public static string BeginLine(string label) => BeginPrefix + label + "-----";

        public static string EndLine(string label) => "-----END " + label + "-----";

        /// <summary>True when the text holds a PEM BEGIN line anywhere.</summary>
        public static bool HasPemBlock(string text) => text.IndexOf(BeginPrefix, StringComparison.Ordinal) >= 0;

        /// <summary>True when the text starts with a PEM BEGIN line (after whitespace).</summary>
        public static bool StartsWithPem(string text) => text.TrimStart().StartsWith(BeginPrefix, StringComparison.Ordinal);

        /// <summary>The PEM blocks of the text, in order.</summary>
        public static List<PemBlock> PemBlocks(string text)
        {
            List<PemBlock> blocks = new List<PemBlock>();
            foreach (Match match in Block.Matches(text))
            {
                string label = match.Groups[1].Value;
                blocks.Add(new PemBlock(label, match.Groups[2].Value, match.Value.EndsWith(EndLine(label), StringComparison.Ordinal)));
            }

            return blocks;
        }

        /// <summary>RFC 7468 text: the label lines around base64 in 64-character lines, LF line breaks.</summary>
        public static string Armor(string label, byte[] der)
        {
            string body = Convert.ToBase64String(der);
            StringBuilder pem = new StringBuilder(BeginLine(label)).Append('\n');
            for (int i = 0; i < body.Length; i += 64)
            {
                pem.Append(body, i, Math.Min(64, body.Length - i)).Append('\n');
            }

            return pem.Append(EndLine(label)).ToString();
        }

        public static string ToPem(ECPoint q) => Armor(PublicKeyLabel, ToSubjectPublicKeyInfo(q));

        /// <summary>The AlgorithmIdentifier of an EC P-256 key, as SubjectPublicKeyInfo and PKCS#8 both carry it.</summary>
        public static void WriteEcP256Algorithm(AsnWriter writer)
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Oids.EcPublicKey);
                writer.WriteObjectIdentifier(Oids.P256);
            }
        }

        public static byte[] ToSubjectPublicKeyInfo(ECPoint q)
        {
            AsnWriter writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                WriteEcP256Algorithm(writer);
                writer.WriteBitString(UncompressedPoint(q));
            }

            return writer.Encode();
        }

        /// <summary>
        /// Opens a SubjectPublicKeyInfo: returns its algorithm OID, with <paramref name="algorithm"/> left at the
        /// algorithm's parameters (an EC key's curve) and <paramref name="info"/> at the public key's BIT STRING.
        /// Throws <see cref="AsnContentException"/> when the DER is not that structure.
        /// </summary>
        public static string OpenSubjectPublicKeyInfo(byte[] der, out AsnReader info, out AsnReader algorithm)
        {
            info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            algorithm = info.ReadSequence();
            return algorithm.ReadObjectIdentifier();
        }

        public static byte[] UncompressedPoint(ECPoint q)
        {
            byte[] point = new byte[65];
            point[0] = 0x04;
            Buffer.BlockCopy(q.X!, 0, point, 1, 32);
            Buffer.BlockCopy(q.Y!, 0, point, 33, 32);
            return point;
        }

        /// <summary>The point of a 65-byte SEC1 uncompressed encoding (0x04 ‖ X ‖ Y); false for any other.</summary>
        public static bool TryReadUncompressedPoint(byte[] encoded, out ECPoint point)
        {
            point = default;
            if (encoded.Length != 65 || encoded[0] != 0x04)
            {
                return false;
            }

            point = new ECPoint { X = Slice(encoded, 1), Y = Slice(encoded, 33) };
            return true;
        }

        private static byte[] Slice(byte[] source, int offset)
        {
            byte[] part = new byte[32];
            Buffer.BlockCopy(source, offset, part, 0, 32);
            return part;
        }
    }
}
