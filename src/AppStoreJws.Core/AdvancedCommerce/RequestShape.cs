using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using AppStoreJws.Json;

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
        /// <summary>
        /// A copy of a request whose shape had problems, with every member and item that broke a shape rule left out,
        /// so that the field rules can still run over the rest and one error lists every problem. Built only for a
        /// request that already failed: a valid one is read straight from its JSON.
        /// </summary>
        internal static JsonNode? WithoutShapeProblems(JsonElement element, Type type)
        {
            Keep(element, type, out JsonNode? kept);
            return kept;
        }

        /// <summary>Whether the value has the shape of <paramref name="type"/>; <paramref name="kept"/> is its copy with the bad parts left out.</summary>
        private static bool Keep(JsonElement element, Type type, out JsonNode? kept)
        {
            kept = null;
            if (element.ValueKind == JsonValueKind.Null)
            {
                return true;
            }

            JsonTypeInfo contract = AdvancedCommerceJson.Options.GetTypeInfo(type);
            if (contract.Kind == JsonTypeInfoKind.Object)
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                JsonObject copy = new JsonObject();
                foreach (JsonProperty member in element.EnumerateObject())
                {
                    JsonPropertyInfo? property = contract.Properties.FirstOrDefault(
                        candidate => string.Equals(candidate.Name, member.Name, StringComparison.OrdinalIgnoreCase));
                    if (property != null && !copy.ContainsKey(property.Name) && Keep(member.Value, property.PropertyType, out JsonNode? value))
                    {
                        copy[property.Name] = value;
                    }
                }

                kept = copy;
                return true;
            }

            if (contract.Kind == JsonTypeInfoKind.Enumerable)
            {
                if (element.ValueKind != JsonValueKind.Array)
                {
                    return false;
                }

                JsonArray items = new JsonArray();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    // A bad item stays as null: its index is kept, and the field rules do not report it again.
                    items.Add(Keep(item, type.GetElementType()!, out JsonNode? value) ? value : null);
                }

                kept = items;
                return true;
            }

            RequestProblems problems = new RequestProblems();
            CheckValue(element, Nullable.GetUnderlyingType(type) ?? type, string.Empty, problems);
            if (problems.Count > 0)
            {
                return false;
            }

            kept = JsonNode.Parse(element.GetRawText());
            return true;
        }

        internal static void Check(JsonElement element, Type type, string path, RequestProblems problems)
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
                    CheckObject(element, contract, path, problems);
                    break;
                case JsonTypeInfoKind.Enumerable:
                    // Every list in the request classes is an array (PowerShell turns a single item into one).
                    CheckArray(element, type.GetElementType()!, path, problems);
                    break;
                default:
                    CheckValue(element, Nullable.GetUnderlyingType(type) ?? type, path, problems);
                    break;
            }
        }

        private static void CheckObject(JsonElement element, JsonTypeInfo contract, string path, RequestProblems problems)
        {
            if (!ExpectContainer(element, JsonValueKind.Object, "a JSON object", path, problems))
            {
                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty member in element.EnumerateObject())
            {
                JsonPropertyInfo? property = contract.Properties.FirstOrDefault(
                    candidate => string.Equals(candidate.Name, member.Name, StringComparison.OrdinalIgnoreCase));
                if (property == null)
                {
                    problems.Add(
                        $"{FieldRules.MemberPath(path, member.Name)} is not a field of {contract.Type.Name}; " +
                        $"its fields are {string.Join(", ", contract.Properties.Select(known => known.Name))}.");
                    continue;
                }

                string memberPath = FieldRules.MemberPath(path, property.Name);
                if (!seen.Add(property.Name))
                {
                    problems.Add($"{memberPath} is given more than once (names match without regard to case).");
                    continue;
                }

                Check(member.Value, property.PropertyType, memberPath, problems);
            }
        }

        private static void CheckArray(JsonElement element, Type elementType, string path, RequestProblems problems)
        {
            if (!ExpectContainer(element, JsonValueKind.Array, "a JSON array", path, problems))
            {
                return;
            }

            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                Check(item, elementType, FieldRules.ElementPath(path, index++), problems);
            }
        }

        private static void CheckValue(JsonElement element, Type type, string path, RequestProblems problems)
        {
            JsonValueKind kind = element.ValueKind;
            if (type == typeof(string))
            {
                Expect(kind == JsonValueKind.String, element, path, problems, "must be a string");
            }
            else if (type == typeof(long))
            {
                // Every long in the request classes is a price. Digits in a string (a CSV cell) are the same number.
                bool wholeNumber = kind == JsonValueKind.Number
                    ? element.TryGetInt64(out _)
                    : kind == JsonValueKind.String && long.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
                Expect(wholeNumber, element, path, problems, "must be a whole number of milliunits, e.g. 4990 for 4.99");
            }
            else if (type == typeof(int))
            {
                Expect(kind == JsonValueKind.Number && element.TryGetInt32(out _), element, path, problems, "must be a whole number");
            }
            else if (type == typeof(bool))
            {
                Expect(kind == JsonValueKind.True || kind == JsonValueKind.False, element, path, problems,
                    "must be true or false (a JSON boolean, not a string)");
            }
            else
            {
                // The remaining value types are the enumerations, whose member names are Apple's values.
                string[] names = Enum.GetNames(type);
                string hint = kind == JsonValueKind.Number
                    ? "; ConvertTo-Json writes enumerations as numbers unless given -EnumsAsStrings"
                    : string.Empty;
                Expect(kind == JsonValueKind.String && names.Contains(element.GetString(), StringComparer.Ordinal), element, path, problems,
                    $"must be one of {string.Join(", ", names)}", hint);
            }
        }

        private static bool ExpectContainer(JsonElement element, JsonValueKind kind, string description, string path, RequestProblems problems)
        {
            // ConvertTo-Json writes anything nested deeper than its -Depth (2 by default) as a string (see docs/WireFormat.md).
            string hint = element.ValueKind == JsonValueKind.String
                ? "; if this JSON came from ConvertTo-Json, pass -Depth 10 so nested objects are not flattened to strings"
                : string.Empty;
            return Expect(element.ValueKind == kind, element, path, problems, "must be " + description, hint);
        }

        private static bool Expect(bool valid, JsonElement element, string path, RequestProblems problems, string rule, string hint = "")
        {
            if (!valid)
            {
                problems.AddShape(path, $"{path} {rule}; found {Describe(element)}{hint}.");
            }

            return valid;
        }

        internal static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            _ => element.GetRawText(),
        };
    }
}
