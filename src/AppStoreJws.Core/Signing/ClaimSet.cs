using System.Collections.Generic;
using System.Text.Json;
using AppStoreJws.Json;

namespace AppStoreJws.Signing
{
    /// <summary>An ordered set of JWT claims with their JSON types fixed at the point they are added.</summary>
    internal sealed class ClaimSet
    {
        private readonly List<KeyValuePair<string, object>> claims = new List<KeyValuePair<string, object>>(8);

        public ClaimSet Add(string name, string value)
        {
            SignedText.RequireWellFormed(name + " claim", value);
            return AddClaim(name, value);
        }

        public ClaimSet Add(string name, long value) => AddClaim(name, value);

        public ClaimSet Add(string name, bool value) => AddClaim(name, value);

        public ClaimSet Add(string name, IReadOnlyList<string> values)
        {
            foreach (string value in values)
            {
                SignedText.RequireWellFormed(name + " claim", value);
            }

            return AddClaim(name, values);
        }

        internal void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, object> claim in claims)
            {
                switch (claim.Value)
                {
                    case string text:
                        writer.WriteString(claim.Key, text);
                        break;
                    case long number:
                        writer.WriteNumber(claim.Key, number);
                        break;
                    case bool flag:
                        writer.WriteBoolean(claim.Key, flag);
                        break;
                    case IReadOnlyList<string> values:
                        writer.WriteStartArray(claim.Key);
                        foreach (string value in values)
                        {
                            writer.WriteStringValue(value);
                        }

                        writer.WriteEndArray();
                        break;
                }
            }

            writer.WriteEndObject();
        }

        private ClaimSet AddClaim(string name, object value)
        {
            claims.Add(new KeyValuePair<string, object>(name, value));
            return this;
        }
    }
}
