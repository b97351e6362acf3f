using System;
using System.Formats.Asn1;

namespace AppStoreJws.LegacySignature
{
    /// <summary>Re-encodes an ECDSA signature from the JWS form (r‖s, IEEE P1363) to ASN.1 DER, the form the legacy signature needs.</summary>
    internal static class DerSignature
    {
        /// <summary><c>SEQUENCE { INTEGER r, INTEGER s }</c> in DER from the two equal halves of <paramref name="p1363"/>.</summary>
        public static byte[] FromP1363(byte[] p1363)
        {
            if (p1363.Length == 0 || p1363.Length % 2 != 0)
            {
                throw new ArgumentException($"An r‖s signature has two equal halves; found {p1363.Length} bytes.", nameof(p1363));
            }

            int half = p1363.Length / 2;
            AsnWriter writer = new AsnWriter(AsnEncodingRules.DER);
            writer.PushSequence();
            writer.WriteIntegerUnsigned(Minimal(new ReadOnlySpan<byte>(p1363, 0, half)));
            writer.WriteIntegerUnsigned(Minimal(new ReadOnlySpan<byte>(p1363, half, half)));
            writer.PopSequence();
            return writer.Encode();
        }

        // P1363 halves are left-padded to the curve size; DER integers may not start with a redundant zero byte,
        // and AsnWriter refuses one, so the padding goes (AsnWriter adds the 0x00 a high first bit needs).
        private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
        {
            int start = 0;
            while (start < value.Length - 1 && value[start] == 0)
            {
                start++;
            }

            return value.Slice(start);
        }
    }
}
