using System.Collections;
using System.Globalization;
using AppStoreJws.AdvancedCommerce;
using AppStoreJws.Json;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// Accepts an Advanced Commerce request in any form a script has it: one built by New-AdvancedCommerceRequest,
    /// JSON text, or hashtables and PSCustomObjects nested to any depth (no ConvertTo-Json depth limit to truncate
    /// it). The core's typed request classes are not taken: scripts cannot name them (they load in the module's own
    /// context), so they are the model the request is checked against, not an input.
    /// </summary>
    internal static class RequestInput
    {
        // Deeper than any real request; stops a self-referencing object graph from recursing forever.
        private const int MaximumDepth = 64;

        public static ValidatedRequest Read(object? input)
        {
            object? value = Unwrap(RequestColumn(input) ?? input);
            value = JoinedLines(value) ?? value;
            switch (value)
            {
                case null:
                    throw Invalid("The request is empty; expected a hashtable, a PSCustomObject, or JSON text.");
                case ValidatedRequest validated:
                    return validated;
                case string json:
                    return AdvancedCommerceRequestReader.Read(json);
                default:
                    return AdvancedCommerceRequestReader.Read(PlainObjectJson.Write(ToPlain(value, "request", 0)));
            }
        }

        /// <summary>Lines of JSON text given as an array (Get-Content without -Raw) are one text; null for anything else.</summary>
        private static string? JoinedLines(object? value)
        {
            if (!(value is object[] items) || items.Length == 0)
            {
                return null;
            }

            foreach (object? item in items)
            {
                if (!((item is PSObject wrapped ? wrapped.BaseObject : item) is string))
                {
                    return null;
                }
            }

            return string.Join("\n", Array.ConvertAll(items, item => (item is PSObject wrapped ? wrapped.BaseObject : item)!.ToString()));
        }

        /// <summary>What identifies a request in its row's error: its operation and requestReferenceId, when it has them.</summary>
        public static string Describe(object? input)
        {
            object? value = Unwrap(RequestColumn(input) ?? input);
            switch (value)
            {
                case null:
                    return "no request";
                case ValidatedRequest validated:
                    return "operation " + validated.Operation + ", requestReferenceId " + validated.RequestReferenceId;
                case string json:
                    return json.Length > 80 ? "JSON text of " + json.Length + " characters" : "JSON text";
                case PSObject custom:
                    return "operation " + custom.Properties["operation"]?.Value + ", requestReferenceId " + custom.Properties["requestReferenceId"]?.Value;
                case IDictionary dictionary:
                    return "operation " + dictionary["operation"] + ", requestReferenceId " + dictionary["requestReferenceId"];
                default:
                    return "request of type " + value.GetType().Name;
            }
        }

        /// <summary>A JSON body from JSON text, hashtables or PSCustomObjects (any depth), for the server API cmdlets.</summary>
        public static string WriteJson(object? input) =>
            Unwrap(input) is string json ? json : PlainObjectJson.Write(ToPlain(input, "body", 0));

        private static object? ToPlain(object? input, string path, int depth)
        {
            if (depth > MaximumDepth)
            {
                throw Invalid($"The request nests deeper than {MaximumDepth} levels at {path}; does it refer to itself?");
            }

            object? value = Unwrap(input);
            switch (value)
            {
                case null:
                case string _:
                case bool _:
                    return value;
                case char c:
                    return c.ToString();
                case Guid guid:
                    return guid.ToString();
                case Enum enumeration:
                    return enumeration.ToString();
                case DateTime time:
                    return time.ToString("o", CultureInfo.InvariantCulture);
                case DateTimeOffset time:
                    return time.ToString("o", CultureInfo.InvariantCulture);
                case IDictionary dictionary:
                    Dictionary<string, object?> members = new Dictionary<string, object?>();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        string name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                        members[name] = ToPlain(entry.Value, path + "." + name, depth + 1);
                    }

                    return members;
                case PSObject custom:
                    return PropertiesToPlain(custom, path, depth);
                case IEnumerable list:
                    List<object?> items = new List<object?>();
                    int index = 0;
                    foreach (object? item in list)
                    {
                        items.Add(ToPlain(item, $"{path}[{index++}]", depth + 1));
                    }

                    return items;
                case IConvertible number when number.GetTypeCode() >= TypeCode.SByte && number.GetTypeCode() <= TypeCode.Decimal:
                    return number;
                default:
                    // Typed nested objects (a SubscriptionItem inside a hashtable, say) contribute their properties.
                    return PropertiesToPlain(PSObject.AsPSObject(value), path, depth);
            }
        }

        private static Dictionary<string, object?> PropertiesToPlain(PSObject source, string path, int depth)
        {
            Dictionary<string, object?> members = new Dictionary<string, object?>();
            foreach (PSPropertyInfo property in source.Properties)
            {
                if (property.IsGettable)
                {
                    members[property.Name] = ToPlain(property.Value, path + "." + property.Name, depth + 1);
                }
            }

            return members;
        }

        /// <summary>
        /// A pipeline row such as Import-Csv's with a Request column (and no operation of its own) binds
        /// whole to -Request, since that parameter takes any object by value; its Request column is the request.
        /// </summary>
        private static object? RequestColumn(object? input)
        {
            if (input is PSObject row && row.BaseObject is PSCustomObject && row.Properties["operation"] == null)
            {
                return row.Properties["Request"]?.Value;
            }

            return null;
        }

        // PSCustomObjects stay wrapped (their properties live on the PSObject); everything else is unwrapped.
        private static object? Unwrap(object? value) =>
            value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;

        private static AppStoreJwsException Invalid(string message) =>
            new AppStoreJwsException(ErrorIds.InvalidAdvancedCommerceRequest, ErrorKind.InvalidData, message);
    }
}
