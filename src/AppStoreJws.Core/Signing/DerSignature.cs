using System;
using System.Formats.Asn1;

namespace AppStoreJws.Signing
{
    /// <summary>
    /// Converts ECDSA P-256 signatures between the JWS form (r‖s, IEEE P1363, 64 bytes) and ASN.1 DER
    /// (<c>SEQUENCE { INTEGER r, INTEGER s }</c>), the form the legacy signature needs and a common JWS mistake.
    /// </summary>
    internal static class DerSignature
    {
        public const int P1363Length = 64;
        private const int CoordinateLength = 32;

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

        /// <summary>Reads DER with P-256-sized positive integers and writes them as r‖s; false when it is not such DER.</summary>
        public static bool TryToP1363(byte[] der, out byte[] p1363) => TryToP1363(der, CoordinateLength, out p1363);

        /// <summary>
        /// Reads DER whose positive integers fit <paramref name="coordinateLength"/> bytes (the curve's size: a
        /// certificate's issuer may sign on P-384 or P-521) and writes them as r‖s; false when it is not such DER.
        /// </summary>
        public static bool TryToP1363(byte[] der, int coordinateLength, out byte[] p1363)
        {
            p1363 = new byte[2 * coordinateLength];
            try
            {
                AsnReader reader = new AsnReader(der, AsnEncodingRules.DER);
                AsnReader sequence = reader.ReadSequence();
                ReadOnlyMemory<byte> r = sequence.ReadIntegerBytes();
                ReadOnlyMemory<byte> s = sequence.ReadIntegerBytes();
                return !reader.HasData && !sequence.HasData && CopyUnsigned(r.Span, p1363, 0, coordinateLength) && CopyUnsigned(s.Span, p1363, coordinateLength, coordinateLength);
            }
            catch (AsnContentException)
            {
                return false;
            }
        }

        private static bool CopyUnsigned(ReadOnlySpan<byte> integer, byte[] target, int offset, int length)
        {
            if (integer.Length == 0 || (integer[0] & 0x80) != 0)
            {
                return false;
            }

            ReadOnlySpan<byte> magnitude = integer[0] == 0 ? integer.Slice(1) : integer;
            if (magnitude.Length > length)
            {
                return false;
            }

            magnitude.CopyTo(new Span<byte>(target, offset + length - magnitude.Length, magnitude.Length));
            return true;
        }
    }
}
