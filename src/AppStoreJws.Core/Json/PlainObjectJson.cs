using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AppStoreJws.Json
{
    /// <summary>
    /// Converts between JSON text and trees of plain values (ordered dictionaries with string keys, lists,
    /// strings, booleans and numbers), at any depth: callers convert their own object models to and from
    /// these trees, so the core needs no knowledge of PowerShell's objects.
    /// </summary>
    public static class PlainObjectJson
    {
        public static string Write(object? tree)
        {
            using (MemoryStream buffer = new MemoryStream())
            {
                using (Utf8JsonWriter writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    WriteValue(writer, tree);
                }

                return Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        /// <summary>Reads JSON text into ordered dictionaries, lists and values (numbers as long, or double when fractional).</summary>
        public static object? Read(string json)
        {
            using (JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 }))
            {
                return ToPlain(document.RootElement);
            }
        }

        private static object? ToPlain(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    OrderedDictionary members = new OrderedDictionary(StringComparer.Ordinal);
                    foreach (JsonProperty member in element.EnumerateObject())
                    {
                        // Duplicate names: the last one wins, as in most JSON readers (and jose).
                        members[member.Name] = ToPlain(member.Value);
                    }

                    return members;
                case JsonValueKind.Array:
                    List<object?> items = new List<object?>();
                    foreach (JsonElement item in element.EnumerateArray())
                    {
                        items.Add(ToPlain(item));
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

        private static void WriteValue(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case IDictionary<string, object?> dictionary:
                    writer.WriteStartObject();
                    foreach (KeyValuePair<string, object?> member in dictionary)
                    {
                        writer.WritePropertyName(member.Key);
                        WriteValue(writer, member.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry member in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(member.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        WriteValue(writer, member.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (object? item in list)
                    {
                        WriteValue(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                case double number:
                    writer.WriteNumberValue(number);
                    break;
                case float number:
                    writer.WriteNumberValue(number);
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
                    throw new ArgumentException($"A value of type {value.GetType().FullName} cannot be written as JSON.", nameof(value));
            }
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
