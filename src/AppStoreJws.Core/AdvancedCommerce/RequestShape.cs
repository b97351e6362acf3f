using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>
    /// Checks request JSON against the members and value types of its class before it is deserialised, so that an
    /// unknown or repeated member, or a value of the wrong JSON type, is reported with its path and the rule it
    /// broke rather than as a serialiser message. The class contracts come from the serialiser itself, so the
    /// names checked here are exactly the names read and written.
    /// </summary>
    internal static class RequestShape
    {
        internal static void Check(JsonElement element, Type type, string path)
        {
            // null counts as absent; whether the member may be absent is for the field rules to say.
            if (element.ValueKind == JsonValueKind.Null)
            {
                return;
            }

            JsonTypeInfo contract = AdvancedCommerceJson.Options.GetTypeInfo(type);
            switch (contract.Kind)
            {
                case JsonTypeInfoKind.Object:
                    CheckObject(element, contract, path);
                    break;
                case JsonTypeInfoKind.Enumerable:
                    // Every list in the request classes is an array (PowerShell turns a single item into one).
                    CheckArray(element, type.GetElementType()!, path);
                    break;
                default:
                    CheckValue(element, Nullable.GetUnderlyingType(type) ?? type, path);
                    break;
            }
        }

        private static void CheckObject(JsonElement element, JsonTypeInfo contract, string path)
        {
            ExpectContainer(element, JsonValueKind.Object, "a JSON object", path);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty member in element.EnumerateObject())
            {
                JsonPropertyInfo? property = contract.Properties.FirstOrDefault(
                    candidate => string.Equals(candidate.Name, member.Name, StringComparison.OrdinalIgnoreCase));
                if (property == null)
                {
                    throw FieldRules.Invalid(
                        $"{FieldRules.MemberPath(path, member.Name)} is not a field of {contract.Type.Name}; " +
                        $"its fields are {string.Join(", ", contract.Properties.Select(known => known.Name))}.");
                }

                string memberPath = FieldRules.MemberPath(path, property.Name);
                if (!seen.Add(property.Name))
                {
                    throw FieldRules.Invalid($"{memberPath} is given more than once (names match without regard to case).");
                }

                Check(member.Value, property.PropertyType, memberPath);
            }
        }

        private static void CheckArray(JsonElement element, Type elementType, string path)
        {
            ExpectContainer(element, JsonValueKind.Array, "a JSON array", path);
            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                Check(item, elementType, FieldRules.ElementPath(path, index++));
            }
        }

        private static void CheckValue(JsonElement element, Type type, string path)
        {
            JsonValueKind kind = element.ValueKind;
            if (type == typeof(string))
            {
                Expect(kind == JsonValueKind.String, element, path, "must be a string");
            }
            else if (type == typeof(long))
            {
                // Every long in the request classes is a price.
                Expect(kind == JsonValueKind.Number && element.TryGetInt64(out _), element, path,
                    "must be a whole number of milliunits, e.g. 4990 for 4.99");
            }
            else if (type == typeof(int))
            {
                Expect(kind == JsonValueKind.Number && element.TryGetInt32(out _), element, path, "must be a whole number");
            }
            else if (type == typeof(bool))
            {
                Expect(kind == JsonValueKind.True || kind == JsonValueKind.False, element, path,
                    "must be true or false (a JSON boolean, not a string)");
            }
            else
            {
                // The remaining value types are the enumerations, whose member names are Apple's values.
                string[] names = Enum.GetNames(type);
                string hint = kind == JsonValueKind.Number
                    ? "; ConvertTo-Json writes enumerations as numbers unless given -EnumsAsStrings"
                    : string.Empty;
                Expect(kind == JsonValueKind.String && names.Contains(element.GetString(), StringComparer.Ordinal), element, path,
                    $"must be one of {string.Join(", ", names)}", hint);
            }
        }

        private static void ExpectContainer(JsonElement element, JsonValueKind kind, string description, string path)
        {
            // ConvertTo-Json writes anything nested deeper than its -Depth (2 by default) as a string (see docs/WireFormat.md).
            string hint = element.ValueKind == JsonValueKind.String
                ? "; if this JSON came from ConvertTo-Json, pass -Depth 10 so nested objects are not flattened to strings"
                : string.Empty;
            Expect(element.ValueKind == kind, element, path, "must be " + description, hint);
        }

        private static void Expect(bool valid, JsonElement element, string path, string rule, string hint = "")
        {
            if (!valid)
            {
                throw FieldRules.Invalid($"{path} {rule}; found {Describe(element)}{hint}.");
            }
        }

        internal static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => element.GetRawText(),
        };
    }
}
