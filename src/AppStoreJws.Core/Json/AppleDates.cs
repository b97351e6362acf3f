using System;
using System.Collections;
using System.Collections.Generic;

namespace AppStoreJws.Json
{
    /// <summary>
    /// Apple's dates: every member named *Date holding Unix milliseconds is a time. The one conversion both what Apple
    /// signs and the App Store Server API's plain answers go through, so a date reads the same wherever it came from.
    /// </summary>
    internal static class AppleDates
    {
        /// <summary>
        /// Foundation's <c>Date.distantPast</c> in Unix milliseconds, which Xcode writes as an app transaction's
        /// originalPurchaseDate. Foundation counts days before 1582 in the Julian calendar, so its "0001-01-01" lies two days
        /// before the first day .NET's proleptic Gregorian calendar holds; read as the date it names, it is that first day.
        /// </summary>
        internal const long FoundationDistantPastMilliseconds = -62135769600000;

        /// <summary>Unix milliseconds (Xcode writes fractional ones) as a time; null for anything else or out of range.</summary>
        public static DateTimeOffset? ToTime(object? value)
        {
            if (value is long distantPast && distantPast == FoundationDistantPastMilliseconds)
            {
                return DateTimeOffset.MinValue;
            }

            const double MinimumMilliseconds = -62135596800000d;
            const double MaximumMilliseconds = 253402300799999d;
            double milliseconds;
            switch (value)
            {
                case long whole:
                    milliseconds = whole;
                    break;
                case double fractional when !double.IsNaN(fractional):
                    milliseconds = fractional;
                    break;
                default:
                    return null;
            }

            if (milliseconds < MinimumMilliseconds || milliseconds > MaximumMilliseconds)
            {
                return null;
            }

            if (value is long exact)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(exact);
            }

            double floor = Math.Floor(milliseconds);
            long ticks = (long)Math.Round((milliseconds - floor) * TimeSpan.TicksPerMillisecond);
            return DateTimeOffset.FromUnixTimeMilliseconds((long)floor).AddTicks(ticks);
        }

        /// <summary>Every member named *Date holding a number becomes a time, at any depth; everything else stays as read.</summary>
        public static void ConvertDates(IDictionary fields)
        {
            List<object> keys = new List<object>(fields.Count);
            foreach (object key in fields.Keys)
            {
                keys.Add(key);
            }

            foreach (object key in keys)
            {
                object? value = fields[key];
                if (value is IDictionary nested)
                {
                    ConvertDates(nested);
                }
                else if (value is IList list)
                {
                    ConvertDates(list);
                }
                else if (key is string name && name.EndsWith("Date", StringComparison.Ordinal) && ToTime(value) is DateTimeOffset time)
                {
                    fields[key] = time;
                }
            }
        }

        /// <summary>The objects of a list (and of lists within it) get their dates converted; the list's own values stay.</summary>
        public static void ConvertDates(IList items)
        {
            foreach (object? item in items)
            {
                if (item is IDictionary element)
                {
                    ConvertDates(element);
                }
                else if (item is IList inner && !(item is string))
                {
                    ConvertDates(inner);
                }
            }
        }
    }
}
