using System;
using System.Security.Cryptography;

namespace AppStoreJws.Signing
{
    /// <summary>Fresh nonces: lowercase RFC 4122 version 4 UUIDs from the cryptographic random number generator.</summary>
    internal static class Nonce
    {
        private const int BlockSize = 4096;

        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

        // One call into the system generator costs as much as formatting dozens of nonces, so each thread draws
        // a block of random bytes at a time and takes 16 per nonce. Each byte is used once; nonces are public
        // (every token carries its own), so keeping the unused bytes of a block in memory reveals nothing.
        [ThreadStatic]
        private static byte[]? block;

        [ThreadStatic]
        private static int next;

        public static string New()
        {
            byte[] bytes = block ?? (block = new byte[BlockSize]);
            if (next == 0)
            {
                Random.GetBytes(bytes);
            }

            int offset = next;
            next = (next + 16) % BlockSize;
            bytes[offset + 6] = (byte)((bytes[offset + 6] & 0x0F) | 0x40);
            bytes[offset + 8] = (byte)((bytes[offset + 8] & 0x3F) | 0x80);
            return Format(bytes, offset);
        }

        // Formats the 16 bytes in network order as 8-4-4-4-12 lowercase hex (new Guid(byte[]) would reorder them).
        private static string Format(byte[] bytes, int offset)
        {
            const string Hex = "0123456789abcdef";
            char[] text = new char[36];
            int position = 0;
            for (int i = 0; i < 16; i++)
            {
                if (i == 4 || i == 6 || i == 8 || i == 10)
                {
                    text[position++] = '-';
                }

                byte value = bytes[offset + i];
                text[position++] = Hex[value >> 4];
                text[position++] = Hex[value & 0xF];
            }

            return new string(text);
        }
    }
}
