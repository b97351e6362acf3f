using System;
using System.Collections.Specialized;

namespace AppStoreJws.Inspection
{
    /// <summary>A compact JWS taken apart: header and payload as ordered dictionaries and as their exact JSON.</summary>
    public sealed class DecodedJws
    {
        internal DecodedJws(string token, string headerJson, string payloadJson, OrderedDictionary header, OrderedDictionary payload, byte[] signature)
        {
            Token = token;
            HeaderJson = headerJson;
            PayloadJson = payloadJson;
            Header = header;
            Payload = payload;
            SignatureBytes = signature;
            Algorithm = header["alg"] as string;
            KeyId = header["kid"] as string;
            Audience = payload["aud"] as string;
            IssuedAt = UnixSeconds(payload["iat"]);
            ExpiresAt = UnixSeconds(payload["exp"]);
        }

        public OrderedDictionary Header { get; }

        public OrderedDictionary Payload { get; }

        public string? Algorithm { get; }

        public string? KeyId { get; }

        /// <summary>The aud claim when it is a string (Apple requires that; an array shows here as null).</summary>
        public string? Audience { get; }

        /// <summary>iat as a time, when it is a whole number of seconds in range.</summary>
        public DateTimeOffset? IssuedAt { get; }

        public DateTimeOffset? ExpiresAt { get; }

        /// <summary>For Advanced Commerce tokens: the request claim decoded from base64 and JSON.</summary>
        public OrderedDictionary? Request { get; internal set; }

        public string? RequestJson { get; internal set; }

        public int SignatureLength => SignatureBytes.Length;

        public string HeaderJson { get; }

        public string PayloadJson { get; }

        public string Token { get; }

        internal byte[] SignatureBytes { get; }

        public override string ToString() => PayloadJson;

        private static DateTimeOffset? UnixSeconds(object? value)
        {
            // Largest second DateTimeOffset can hold; a millisecond iat (a common mistake) is far beyond it.
            const long MaximumSeconds = 253402300799;
            return value is long seconds && seconds >= 0 && seconds <= MaximumSeconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        }
    }
}
