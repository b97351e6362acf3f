using AppStoreJws.AdvancedCommerce;
using AppStoreJws.Json;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Guards the copy of a script's request or body object into JSON: the core's size bound is checked on the
    /// object graph before it is copied (shared hashtables would otherwise expand exponentially), and a property
    /// getter that throws (a live object such as Get-Process passed as a request) becomes a module error for that row.
    /// </summary>
    internal static class RequestObjects
    {
        public static ValidatedRequest Read(object? input) => Guard(input, "request", () => RequestInput.Read(input));

        public static string WriteJson(object? input) => Guard(input, "body", () =>
        {
            string json = RequestInput.WriteJson(input);
            Json.SignedText.RequireWellFormed("body", json);
            return json;
        });

        private static T Guard<T>(object? input, string what, Func<T> read)
        {
            try
            {
                PlainObjectJson.RequireBoundedSize(input, what, Unwrap);
                return read();
            }
            catch (RuntimeException e) when (!(e is PipelineStoppedException))
            {
                throw new AppStoreJwsException(what == "request" ? ErrorIds.InvalidAdvancedCommerceRequest : ErrorIds.InvalidJsonValue,
                    ErrorKind.InvalidData,
                    $"The {what} could not be read: {e.Message} Pass a hashtable, a PSCustomObject or JSON text, not a live object.", e);
            }
        }

        // A PSCustomObject stands for its property values; any other wrapper for the object it wraps.
        private static object? Unwrap(object value)
        {
            if (!(value is PSObject wrapped))
            {
                return value;
            }

            if (!(wrapped.BaseObject is PSCustomObject))
            {
                return wrapped.BaseObject;
            }

            List<object?> values = new List<object?>();
            foreach (PSPropertyInfo property in wrapped.Properties)
            {
                values.Add(property.Value);
            }

            return values;
        }
    }
}
