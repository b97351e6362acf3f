using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AppStoreJws.Json
{
    /// <summary>
    /// Shows values from a token in messages: JSON types by name, text quoted, shortened and with control characters
    /// escaped (a token is untrusted input, and its text must not drive the terminal that shows the message).
    /// </summary>
    internal static class JsonText
    {
        private const int MaximumShownLength = 60;

        public static string Quote(string text)
        {
            StringBuilder shown = new StringBuilder("\"");
            foreach (char c in text.Length > MaximumShownLength ? text.Substring(0, MaximumShownLength) : text)
            {
                if (c < ' ' || (c >= '\u007F' && c <= '\u009F') || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029')
                {
                    shown.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    shown.Append(c);
                }
            }

            return shown.Append(text.Length > MaximumShownLength ? "…\"" : "\"").ToString();
        }

        /// <summary>A JSON value described with its type: the string "x", the number 5, the boolean true, an array [...], an object.</summary>
        public static string Describe(object? value)
        {
            switch (value)
            {
                case null:
                    return "null";
                case string text:
                    return "the string " + Quote(text);
                case bool flag:
                    return flag ? "the boolean true" : "the boolean false";
                case long number:
                    return "the number " + number.ToString(CultureInfo.InvariantCulture);
                case double number:
                    return "the number " + number.ToString("R", CultureInfo.InvariantCulture);
                case OrderedDictionary _:
                    return "an object";
                case IList list:
                    return "the array [" + string.Join(", ", list.Cast<object?>().Take(4).Select(Element)) + (list.Count > 4 ? ", …]" : "]");
                default:
                    return value.GetType().Name;
            }
        }

        public static string Span(TimeSpan span)
        {
            TimeSpan length = span.Duration();
            if (length < TimeSpan.FromMinutes(2))
            {
                return Count((long)length.TotalSeconds, "second");
            }

            if (length < TimeSpan.FromHours(2))
            {
                return Count((long)length.TotalMinutes, "minute");
            }

            return length < TimeSpan.FromDays(2) ? Count((long)length.TotalHours, "hour") : Count((long)length.TotalDays, "day");
        }

        public static string Date(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

        private static string Element(object? value) => value is string text ? Quote(text) : Describe(value);

        private static string Count(long amount, string unit) => amount == 1 ? "1 " + unit : $"{amount.ToString(CultureInfo.InvariantCulture)} {unit}s";
    }
}
