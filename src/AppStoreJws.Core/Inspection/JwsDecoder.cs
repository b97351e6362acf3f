using System.Collections.Specialized;
using System.Text;
using System.Text.Json;
using AppStoreJws.Errors;
using AppStoreJws.Json;
using AppStoreJws.Keys;
using AppStoreJws.Signing;
using AppStoreJws.StoreKit;
using Microsoft.IdentityModel.Tokens;

namespace AppStoreJws.Inspection
{
    /// <summary>Takes any compact JWS apart without a key, reporting each kind of malformation with its own id.</summary>
    internal static class JwsDecoder
    {
        /// <param name="refuseDuplicateNames">Refuses a header or payload with a member name twice, or two names differing only in
        /// case, as a verifier must: a token inspector keeps reading it (the last of one name wins) to report it.</param>
        public static DecodedJws Decode(string token, bool refuseDuplicateNames = false)
        {
            string text = (token ?? string.Empty).Trim();
            if (text.Length == 0)
            {
                throw Malformed("JwsEmpty", "The token is empty; expected a compact JWS (three base64url parts separated by '.').");
            }

            if (text.Length > CompactJws.MaximumTokenLength)
            {
                throw Malformed(ErrorIds.JwsTooLarge, $"The token is {text.Length} characters long; App Store tokens are a few kilobytes at most (limit {CompactJws.MaximumTokenLength}).");
            }

            string[] parts = text.Split('.');
            if (parts.Length != 3)
            {
                throw Malformed("JwsWrongPartCount", $"A compact JWS has 3 parts separated by '.', found {parts.Length}.");
            }

            string headerJson = DecodeText(parts[0], "header");
            string payloadJson = DecodeText(parts[1], "payload");
            byte[] signature = DecodeSegment(parts[2], "signature");
            DecodedJws decoded = new DecodedJws(text, headerJson, payloadJson, ReadObject(headerJson, "header", refuseDuplicateNames), ReadObject(payloadJson, "payload", refuseDuplicateNames), signature);
            if (decoded.Audience == StoreKitAudiences.AdvancedCommerce && decoded.Payload["request"] is string request)
            {
                DecodeRequest(decoded, request);
            }

            return decoded;
        }

        /// <summary>Strict base64url (RFC 7515 §2): only [A-Za-z0-9_-], no padding.</summary>
        internal static byte[] DecodeSegment(string segment, string part)
        {
            if (segment.Length % 4 == 1)
            {
                throw Malformed("JwsBadBase64Url", $"The {part} is not base64url: {segment.Length} characters cannot encode whole bytes.");
            }

            int foreign = Base64Text.IndexOfNonUrlCharacter(segment);
            if (foreign >= 0)
            {
                throw Malformed("JwsBadBase64Url",
                    $"The {part} is not base64url: it contains {Base64Text.Show(segment[foreign], "'")} (base64url uses A-Z a-z 0-9 - _ and no padding).");
            }

            try
            {
                return Base64UrlEncoder.DecodeBytes(segment);
            }
            catch (System.FormatException)
            {
                // Its last character carries bits past the last byte: one of several strings for the same bytes, which no
                // JWS encoder writes (and which would let one signed payload travel under several names).
                throw Malformed("JwsBadBase64Url",
                    $"The {part} is not canonical base64url: its last character '{segment[segment.Length - 1]}' sets bits past the last byte.");
            }
        }

        private static string DecodeText(string segment, string part)
        {
            byte[] bytes = DecodeSegment(segment, part);
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw Malformed("JwsBadJson", $"The {part} is not UTF-8 text.");
            }
        }

        private static OrderedDictionary ReadObject(string json, string part, bool refuseDuplicateNames)
        {
            object? value;
            try
            {
                value = PlainObjectJson.Read(json, refuseDuplicateNames);
            }
            catch (JsonException e)
            {
                throw Malformed("JwsBadJson", $"The {part} is not valid JSON: {UntrustedText.Quote(e.Message, 300)}");
            }

            return value as OrderedDictionary
                ?? throw Malformed("JwsBadJson", $"The {part} is JSON but not an object; a JWS {part} is a JSON object.");
        }

        // A request that does not decode is left for Test-AppStoreJws to diagnose; decoding still succeeds.
        private static void DecodeRequest(DecodedJws decoded, string request)
        {
            byte[]? bytes = Base64Text.TryDecode(request);
            if (bytes == null)
            {
                return;
            }

            try
            {
                string json = Encoding.UTF8.GetString(bytes);
                if (PlainObjectJson.Read(json) is OrderedDictionary tree)
                {
                    decoded.RequestJson = json;
                    decoded.Request = tree;
                }
            }
            catch (JsonException)
            {
            }
            catch (AppStoreJwsException)
            {
            }
        }

        private static AppStoreJwsException Malformed(string id, string message) =>
            new AppStoreJwsException(id, ErrorKind.InvalidData, message);
    }
}
