using System.Globalization;
using System.Xml;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// Lets a [TimeSpan] parameter take what scripts hand over: a number, or a number in text ('300', from a CSV cell
    /// or an environment variable), is seconds; text may also be an ISO 8601 duration (PT5M) or hh:mm:ss. PowerShell
    /// would otherwise read 60 as 60 ticks (six microseconds) and '300' as 300 days, silently.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecondsTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case int seconds:
                    return TimeSpan.FromSeconds(seconds);
                case long seconds:
                    return TimeSpan.FromSeconds(seconds);
                case double seconds:
                    return TimeSpan.FromSeconds(seconds);
                case decimal seconds:
                    return TimeSpan.FromSeconds((double)seconds);
                case string text:
                    return Parse(text.Trim());
                default:
                    return inputData;
            }
        }

        private static TimeSpan Parse(string text)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && !double.IsNaN(seconds) && !double.IsInfinity(seconds)
                && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (text.StartsWith("P", StringComparison.OrdinalIgnoreCase) || text.StartsWith("-P", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    return XmlConvert.ToTimeSpan(text.ToUpperInvariant());
                }
                catch (FormatException)
                {
                    // Falls through to the message below.
                }
                catch (OverflowException)
                {
                    // Falls through to the message below.
                }
            }

            // hh:mm:ss (and d.hh:mm:ss); a bare number never reaches this, so "300" cannot become 300 days.
            if (text.IndexOf(':') >= 0 && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span))
            {
                return span;
            }

            throw new ArgumentTransformationMetadataException(
                $"'{Shown(text)}' is not a duration: expected seconds (300), an ISO 8601 duration (PT5M) or hh:mm:ss (00:05:00).");
        }

        private static string Shown(string text)
        {
            string safe = Keys.PrivateKeyText.Redact(text);
            return safe.Length > 80 ? safe.Substring(0, 80) + "..." : safe;
        }
    }
}
