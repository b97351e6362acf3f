using System.Globalization;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// Lets a Unix-milliseconds parameter also take a point in time: a DateTimeOffset, a DateTime (Get-Date) or an
    /// ISO 8601 date in text becomes its Unix time in milliseconds, digits become the number, and a blank CSV cell
    /// means "not given" (not 0). Numbers pass through unchanged, so the core can refuse a value in seconds with a
    /// message that says so; text that is none of these is left for <see cref="Milliseconds"/> to refuse as that row's error.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class UnixMillisecondsTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case DateTimeOffset instant:
                    return instant.ToUnixTimeMilliseconds();
                case DateTime time:
                    return new DateTimeOffset(time).ToUnixTimeMilliseconds();
                case string text when string.IsNullOrWhiteSpace(text):
                    return null;
                case string text when TryParse(text, out long milliseconds):
                    return milliseconds;
                default:
                    return inputData;
            }
        }

        /// <summary>The value as Unix milliseconds (null when not given), or the row's InvalidTimestamp error.</summary>
        internal static long? Milliseconds(object? input, string name)
        {
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            switch (value)
            {
                case null:
                    return null;
                case long number:
                    return number;
                case int number:
                    return number;
                case double number when number == Math.Floor(number) && Math.Abs(number) < 9e18:
                    return (long)number;
                case decimal number when number == decimal.Floor(number) && Math.Abs(number) < 9e18m:
                    return (long)number;
                case string text when TryParse(text, out long milliseconds):
                    return milliseconds;
            }

            throw new AppStoreJwsException(ErrorIds.InvalidTimestamp, ErrorKind.InvalidArgument,
                $"The {name} '{value}' is not a point in time: expected Unix time in milliseconds (such as {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}), " +
                "a DateTimeOffset, or an ISO 8601 date and time such as 2026-12-02T10:00:00Z.");
        }

        private static bool TryParse(string text, out long milliseconds)
        {
            string trimmed = text.Trim();
            if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out milliseconds))
            {
                return true;
            }

            // ISO 8601 only: a culture's own date order (is 01/02 January or February?) would be a guess.
            if (trimmed.Length >= 10 && trimmed[4] == '-' && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset instant))
            {
                milliseconds = instant.ToUnixTimeMilliseconds();
                return true;
            }

            return false;
        }
    }
}
