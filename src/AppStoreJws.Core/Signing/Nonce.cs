using System;
using System.Security.Cryptography;

namespace AppStoreJws.Signing
{
    /// <summary>Fresh nonces: lowercase RFC 4122 version 4 UUIDs from the cryptographic random number generator.</summary>
    public static class Nonce
    {
        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

        public static string New()
        {
            byte[] bytes = new byte[16];
            Random.GetBytes(bytes);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return Format(bytes);
        }

        // Formats the 16 bytes in network order as 8-4-4-4-12 lowercase hex (new Guid(byte[]) would reorder them).
        private static string Format(byte[] bytes)
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

                text[position++] = Hex[bytes[i] >> 4];
                text[position++] = Hex[bytes[i] & 0xF];
            }

            return new string(text);
        }
    }
}
