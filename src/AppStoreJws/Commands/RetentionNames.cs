namespace AppStoreJws.Commands
{
    /// <summary>
    /// The Retention Messaging parameters' PowerShell names (FullSize, AboveImage) and Apple's wire values (FULL_SIZE,
    /// ABOVE_IMAGE): either is accepted, in any case, so a CSV written from Apple's documentation binds too.
    /// </summary>
    internal static class RetentionNames
    {
        public static readonly string[] ImageSizes = { "FullSize", "BulletPoint" };

        public static readonly string[] HeaderPositions = { "AboveBody", "AboveImage" };

        /// <summary>Apple's wire value for one of <paramref name="names"/> (FullSize or FULL_SIZE → FULL_SIZE), or null when it is none of them.</summary>
        public static string? ToWire(string? value, string[] names)
        {
            string squeezed = (value ?? "").Replace("_", "").Trim();
            foreach (string name in names)
            {
                if (string.Equals(squeezed, name, StringComparison.OrdinalIgnoreCase))
                {
                    return System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", "_").ToUpperInvariant();
                }
            }

            return null;
        }
    }
}
