using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace AppStoreJws.Keys
{
    /// <summary>Writes P-256 keys: the public point as SubjectPublicKeyInfo (RFC 5480) and PEM armour (RFC 7468).</summary>
    internal static class KeyEncoding
    {
        /// <summary>The PEM label of PKCS#8, the form of App Store Connect's .p8 files.</summary>
        public const string Pkcs8Label = "PRIVATE KEY";

        /// <summary>The PEM label of SEC1, what openssl ec writes.</summary>
        public const string Sec1Label = "EC PRIVATE KEY";

        public static string BeginLine(string label) => "-----BEGIN " + label + "-----";

        public static string EndLine(string label) => "-----END " + label + "-----";

        public static byte[] ToSubjectPublicKeyInfo(ECPoint q)
        {
            AsnWriter writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(EcPrivateKeyReader.EcPublicKeyOid);
                    writer.WriteObjectIdentifier(EcPrivateKeyReader.P256Oid);
                }

                writer.WriteBitString(UncompressedPoint(q));
            }

            return writer.Encode();
        }

        public static string ToPem(ECPoint q) => Armor("PUBLIC KEY", ToSubjectPublicKeyInfo(q));

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

        public static byte[] UncompressedPoint(ECPoint q)
        {
            byte[] point = new byte[65];
            point[0] = 0x04;
            Buffer.BlockCopy(q.X!, 0, point, 1, 32);
            Buffer.BlockCopy(q.Y!, 0, point, 33, 32);
            return point;
        }
    }
}
