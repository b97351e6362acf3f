using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AppStoreJws.Keys;
using Microsoft.IdentityModel.Tokens;

namespace AppStoreJws.Signing
{
    /// <summary>
    /// The one ES256 signer: every token the module makes is <c>b64url(header) "." b64url(payload) "." b64url(r‖s)</c>
    /// produced here (RFC 7515 compact serialisation, RFC 7518 §3.4 signature form). Thread-safe.
    /// </summary>
    public static class Es256Signer
    {
        // Apple's libraries and jose write JSON without escaping '+' or '<'; the default encoder would turn
        // them into \u002B and change the bytes that are signed, so the relaxed encoder is used.
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Indented = false,
        };

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

            string payload = Base64UrlEncoder.Encode(buffer.GetBuffer(), 0, (int)buffer.Length);
            byte[] header = key.JwsHeaderSegment;
            byte[] signingInput = new byte[header.Length + 1 + payload.Length];
            Buffer.BlockCopy(header, 0, signingInput, 0, header.Length);
            signingInput[header.Length] = (byte)'.';
            Encoding.ASCII.GetBytes(payload, 0, payload.Length, signingInput, header.Length + 1);

            byte[] signature = key.SignP1363(signingInput, 0, signingInput.Length);
            string signatureText = Base64UrlEncoder.Encode(signature);

            StringBuilder token = new StringBuilder(signingInput.Length + 1 + signatureText.Length);
            token.Append(Encoding.ASCII.GetString(signingInput)).Append('.').Append(signatureText);
            return token.ToString();
        }
    }
}
