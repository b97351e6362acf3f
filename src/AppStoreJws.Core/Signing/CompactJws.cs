using System;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AppStoreJws.Signing
{
    /// <summary>Reads the parts of a compact JWS (RFC 7515 §7.1) without judging them.</summary>
    internal static class CompactJws
    {
        /// <summary>Far larger than any App Store token (a few hundred bytes to a few KB): the module signs nothing longer and refuses to parse megabytes of junk.</summary>
        public const int MaximumTokenLength = 256 * 1024;

        /// <summary>The header and payload JSON exactly as encoded in <paramref name="token"/>.</summary>
        public static (string Header, string Payload) DecodeHeaderAndPayload(string token)
        {
            string[] parts = token.Split('.');
            if (parts.Length != 3)
            {
                throw new FormatException($"A compact JWS has 3 parts separated by '.', found {parts.Length}.");
            }

            return (DecodeText(parts[0]), DecodeText(parts[1]));
        }

        private static string DecodeText(string segment) => Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(segment));
    }
}
