using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>One call of the App Store Server API: method, path below the base URL, query (names may repeat) and JSON body.</summary>
    internal sealed class ServerApiRequest
    {
        public ServerApiRequest(string method, string path)
        {
            Method = method.ToUpperInvariant();
            ServerApiUri.RefuseUnsafePath(path);
            Path = path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path;
        }

        public string Method { get; }

        public string Path { get; }

        public List<KeyValuePair<string, string>> Query { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>The JSON text of the body, or null for none.</summary>
        public string? BodyJson { get; set; }

        /// <summary>A body that is not JSON (an image), sent as these bytes with <see cref="BodyContentType"/>; null for none.</summary>
        public byte[]? BodyBytes { get; set; }

        /// <summary>The Content-Type of <see cref="BodyBytes"/>, such as image/png.</summary>
        public string? BodyContentType { get; set; }

        /// <summary>The requestIdentifier a write carries in its body (renewal date extensions), named in its errors.</summary>
        public string? RequestIdentifier { get; set; }

        /// <summary>Whether the call changes something at Apple: such a call is tried again only when Apple's answer says it was not applied.</summary>
        public bool ChangesState => Method != "GET";

        public ServerApiRequest AddQuery(string name, string? value)
        {
            if (value != null)
            {
                Query.Add(new KeyValuePair<string, string>(name, value));
            }

            return this;
        }

        /// <summary>The path and the query string, each value escaped.</summary>
        public string PathAndQuery()
        {
            if (Query.Count == 0)
            {
                return Path;
            }

            StringBuilder text = new StringBuilder(Path).Append('?');
            for (int i = 0; i < Query.Count; i++)
            {
                if (i > 0)
                {
                    text.Append('&');
                }

                text.Append(Uri.EscapeDataString(Query[i].Key)).Append('=').Append(Uri.EscapeDataString(Query[i].Value));
            }

            return text.ToString();
        }

        /// <summary>Apple's wire form of an instant: Unix milliseconds.</summary>
        public static string Milliseconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

        /// <summary>A path segment from user input, escaped so it cannot leave its segment.</summary>
        public static string Segment(string value) => Uri.EscapeDataString(value);

        /// <summary>A transaction ID as a path segment, refused (TransactionIdNotDigits) unless it is digits: Apple would answer a 2E+15 with a bare 400.</summary>
        public static string TransactionSegment(string transactionId, string name = "transactionId")
        {
            Keys.AppStoreIdentifiers.ValidateTransactionId(name, transactionId);
            return Segment(transactionId);
        }
    }

    /// <summary>A successful answer: the HTTP status and the body text (empty for 200/202 answers without one).</summary>
    internal sealed class ServerApiResponse
    {
        public ServerApiResponse(int statusCode, string body)
        {
            StatusCode = statusCode;
            Body = body;
        }

        public int StatusCode { get; }

        public string Body { get; }

        /// <summary>A string member of the JSON body, or null when the body is not a JSON object or lacks it.</summary>
        public string? StringMember(string name)
        {
            try
            {
                return (Json.PlainObjectJson.Read(Body) as System.Collections.IDictionary)?[name] as string;
            }
            catch (Exception e) when (ServerApiAnswer.IsUnreadable(e))
            {
                return null;
            }
        }
    }
}
