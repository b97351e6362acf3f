using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using AppStoreJws.Errors;
using AppStoreJws.Signing;

namespace AppStoreJws.Json
{
    /// <summary>
    /// Converts between JSON text and trees of plain values (ordered dictionaries with string keys, lists,
    /// strings, booleans and numbers), at any depth: callers convert their own object models to and from
    /// these trees, so the core needs no knowledge of PowerShell's objects.
    /// </summary>
    internal static class PlainObjectJson
    {
        /// <summary>
        /// The most values (objects, arrays, members, items) one tree may hold: hundreds of times any real request or
        /// response, and small enough that a graph of shared or self-referencing containers, which expands
        /// exponentially when copied, is refused long before it exhausts memory.
        /// </summary>
        public const int MaximumNodes = 100_000;


        public static string Write(object? tree)
        {
            using (MemoryStream buffer = new MemoryStream())
            {
                using (Utf8JsonWriter writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SignedJsonEncoding.Encoder }))
                {
                    int budget = MaximumNodes;
                    WriteValue(writer, tree, "$", ref budget);
                }

                return Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        /// <summary>
        /// Refuses, before anything is copied, a graph of dictionaries and lists that holds more than
        /// <see cref="MaximumNodes"/> values counted as a tree: a container shared by reference is counted each time
        /// it is reached, as a copy would be, so <c>$n = @{ l = $n; r = $n }</c> thirty times is refused, not expanded.
        /// </summary>
        /// <param name="unwrap">Turns a caller's wrapper object into what it stands for (its dictionary, list or value).</param>
        public static void RequireBoundedSize(object? graph, string what, Func<object, object?> unwrap)
        {
            int budget = MaximumNodes;
            Stack<object?> pending = new Stack<object?>();
            pending.Push(graph);
            while (pending.Count > 0)
            {
                object? value = pending.Pop();
                value = value == null ? null : unwrap(value);
                Spend(ref budget, what);
                switch (value)
                {
                    case string _:
                    case null:
                        break;
                    case IDictionary dictionary:
                        foreach (DictionaryEntry entry in dictionary)
                        {
                            pending.Push(entry.Value);
                        }

                        break;
                    case IEnumerable list:
                        foreach (object? item in list)
                        {
                            pending.Push(item);
                        }

                        break;
                }
            }
        }

        /// <summary>
        /// Reads JSON text into ordered dictionaries, lists and values (numbers as long, or double when fractional).
        /// With <paramref name="refuseDuplicateNames"/>, an object with a member name twice, or two names that differ only
        /// in case, is refused (<see cref="JsonException"/>): PowerShell's properties ignore case, so one would silently
        /// hide the other, perhaps the one that was checked. Without it (a token inspector reports such names), the last
        /// of the same name wins and names in other case are kept apart.
        /// </summary>
        public static object? Read(string json, bool refuseDuplicateNames = false)
        {
            using (JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 }))
            {
                int budget = MaximumNodes;
                return ToPlain(document.RootElement, refuseDuplicateNames, ref budget);
            }
        }

        private static void Spend(ref int budget, string what)
        {
            if (--budget < 0)
            {
                throw new AppStoreJwsException(ErrorIds.RequestTooLarge, ErrorKind.InvalidData,
                    $"The {what} holds more than {MaximumNodes} values (objects, lists and their members, each shared one counted every time it is reached); " +
                    "a real one holds a few dozen. Does it refer to itself, or reuse one hashtable in many places?");
            }
        }

        private static object? ToPlain(JsonElement element, bool refuseDuplicateNames, ref int budget)
        {
            Spend(ref budget, "JSON text");
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    OrderedDictionary members = new OrderedDictionary(StringComparer.Ordinal);
                    Dictionary<string, string>? seen = refuseDuplicateNames ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : null;
                    foreach (JsonProperty member in element.EnumerateObject())
                    {
                        if (seen != null && !seen.TryAdd(member.Name, member.Name))
                        {
                            string earlier = seen[member.Name];
                            throw new JsonException(string.Equals(earlier, member.Name, StringComparison.Ordinal)
                                ? $"An object has the member '{UntrustedText.Quote(member.Name, 60)}' twice; a reader taking the first and one taking the last would read different values."
                                : $"An object has the members '{UntrustedText.Quote(earlier, 60)}' and '{UntrustedText.Quote(member.Name, 60)}', whose names differ only in case; one would hide the other.");
                        }

                        // Duplicate names otherwise: the last one wins, as in most JSON readers (and jose).
                        members[member.Name] = ToPlain(member.Value, refuseDuplicateNames, ref budget);
                    }

                    return members;
                case JsonValueKind.Array:
                    List<object?> items = new List<object?>();
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        items.Add(ToPlain(item, refuseDuplicateNames, ref budget));
                    }

                    return items;
                case JsonValueKind.String:
                    return ReadString(element);
                case JsonValueKind.Number:
                    return element.TryGetInt64(out long whole) ? whole : (object)element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }

        // JSON may escape a lone UTF-16 surrogate ("\ud800"), which no .NET string can hold as text: that is invalid
        // JSON for our purposes, reported as the JsonException every caller already handles.
        private static string? ReadString(JsonElement element)
        {
            try
            {
                return element.GetString();
            }
            catch (InvalidOperationException e)
            {
                throw new JsonException("A string holds an escaped lone UTF-16 surrogate, which is not valid text.", e);
            }
        }

        private static void WriteValue(Utf8JsonWriter writer, object? value, string path, ref int budget)
        {
            Spend(ref budget, "request");
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    SignedText.RequireWellFormed("string at " + path, text);
                    writer.WriteStringValue(text);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case IDictionary<string, object?> dictionary:
                    writer.WriteStartObject();
                    foreach (KeyValuePair<string, object?> member in dictionary)
                    {
                        WriteMember(writer, member.Key, member.Value, path, ref budget);
                    }

                    writer.WriteEndObject();
                    break;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry member in dictionary)
                    {
                        WriteMember(writer, Convert.ToString(member.Key, CultureInfo.InvariantCulture) ?? string.Empty, member.Value, path, ref budget);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable list:
                    writer.WriteStartArray();
                    int index = 0;
                    foreach (object? item in list)
                    {
                        WriteValue(writer, item, $"{path}[{index++}]", ref budget);
                    }

                    writer.WriteEndArray();
                    break;
                case double number:
                    writer.WriteNumberValue(Finite(number, path));
                    break;
                case float number:
                    writer.WriteNumberValue((float)Finite(number, path));
                    break;
                case decimal number:
                    writer.WriteNumberValue(number);
                    break;
                case ulong number:
                    writer.WriteNumberValue(number);
                    break;
                case IConvertible integral when IsIntegral(integral):
                    writer.WriteNumberValue(integral.ToInt64(CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new AppStoreJwsException(ErrorIds.InvalidJsonValue, ErrorKind.InvalidData,
                        $"The value at {path} is a {value.GetType().FullName}, which has no JSON form; expected a string, number, boolean, list or hashtable.");
            }
        }

        private static void WriteMember(Utf8JsonWriter writer, string name, object? value, string path, ref int budget)
        {
            string inner = path + "." + name;
            SignedText.RequireWellFormed("member name at " + inner, name);
            writer.WritePropertyName(name);
            WriteValue(writer, value, inner, ref budget);
        }

        // JSON has no NaN or infinity: a price or quantity that is one is a computation gone wrong upstream.
        private static double Finite(double number, string path)
        {
            if (double.IsNaN(number) || double.IsInfinity(number))
            {
                throw new AppStoreJwsException(ErrorIds.InvalidJsonValue, ErrorKind.InvalidData,
                    $"The number at {path} is {number.ToString(CultureInfo.InvariantCulture)}, which JSON cannot hold; expected a finite number.");
            }

            return number;
        }

        private static bool IsIntegral(IConvertible value)
        {
            switch (value.GetTypeCode())
            {
                case TypeCode.SByte:
                case TypeCode.Byte:
                case TypeCode.Int16:
                case TypeCode.UInt16:
                case TypeCode.Int32:
                case TypeCode.UInt32:
                case TypeCode.Int64:
                    return true;
                default:
                    return false;
            }
        }
    }
}
