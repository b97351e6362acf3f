using System;
using System.IO;
using System.Text;
using System.Text.Json;
using AppStoreJws.Errors;
using AppStoreJws.Inspection;
using AppStoreJws.Json;
using AppStoreJws.Keys;
using Microsoft.IdentityModel.Tokens;

namespace AppStoreJws.Signing
{
    /// <summary>
    /// The one ES256 signer: every token the module makes is <c>b64url(header) "." b64url(payload) "." b64url(r‖s)</c>
    /// produced here (RFC 7515 compact serialisation, RFC 7518 §3.4 signature form). Thread-safe.
    /// </summary>
    internal static class Es256Signer
    {
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            Encoder = SignedJsonEncoding.Encoder,
            Indented = false,
        };

        // base64url of the 64-byte r‖s signature, without padding.
        private const int SignatureSegmentLength = 86;

        [ThreadStatic]
        private static MemoryStream? payloadBuffer;

        [ThreadStatic]
        private static Utf8JsonWriter? payloadWriter;

        public static string Sign(AppStoreKey key, ClaimSet claims)
        {
            MemoryStream buffer = payloadBuffer ?? (payloadBuffer = new MemoryStream(512));
            buffer.SetLength(0);
            Utf8JsonWriter writer = payloadWriter ?? (payloadWriter = new Utf8JsonWriter(buffer, WriterOptions));
            writer.Reset(buffer);
            claims.WriteTo(writer);
            writer.Flush();

            // The module's own verifier (Test-AppStoreJws) refuses a token over this length, so it is not signed.
            int headerLength = key.JwsHeaderSegment.Length;
            long tokenLength = headerLength + 1 + (buffer.Length * 4 + 2) / 3 + 1 + SignatureSegmentLength;
            if (tokenLength > CompactJws.MaximumTokenLength)
            {
                throw new AppStoreJwsException(ErrorIds.JwsTooLarge, ErrorKind.InvalidArgument,
                    $"The token would be {tokenLength} characters long; Test-AppStoreJws and App Store tokens stop at {CompactJws.MaximumTokenLength}. " +
                    "A claim is far longer than any real identifier or request: check the values given.");
            }

            string payload = Base64UrlEncoder.Encode(buffer.GetBuffer(), 0, (int)buffer.Length);
            byte[] header = key.JwsHeaderSegment;
            int signingInputLength = header.Length + 1 + payload.Length;

            // The whole token is assembled in one ASCII buffer: the signature is computed over its first
            // signingInputLength bytes, then appended, and the buffer becomes the token string in one copy.
            byte[] token = new byte[signingInputLength + 1 + SignatureSegmentLength];
            Buffer.BlockCopy(header, 0, token, 0, header.Length);
            token[header.Length] = (byte)'.';
            Encoding.ASCII.GetBytes(payload, 0, payload.Length, token, header.Length + 1);

            string signature = Base64UrlEncoder.Encode(key.SignP1363(token, 0, signingInputLength));
            token[signingInputLength] = (byte)'.';
            Encoding.ASCII.GetBytes(signature, 0, signature.Length, token, signingInputLength + 1);
            return Encoding.ASCII.GetString(token);
        }
    }
}
