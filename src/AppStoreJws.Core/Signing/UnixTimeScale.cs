namespace AppStoreJws.Signing
{
    /// <summary>
    /// Telling Unix seconds from Unix milliseconds by size alone, the one boundary the linter's iat and exp and the
    /// legacy signature's timestamp both use. 10^11 is the year 5138 as seconds and 3 March 1973 as milliseconds,
    /// so no real time in seconds reaches it and no current time in milliseconds falls below it.
    /// </summary>
    internal static class UnixTimeScale
    {
        private const long Boundary = 100_000_000_000;

        /// <summary>True when a value given as seconds is a millisecond (or finer) timestamp.</summary>
        public static bool LooksLikeMilliseconds(long seconds) => seconds >= Boundary;

        /// <summary>True when a value given as seconds is even too large for milliseconds (a microsecond timestamp or worse).</summary>
        public static bool LooksLikeMicroseconds(long seconds) => seconds >= Boundary * 1000;

        /// <summary>True when a positive value given as milliseconds is a timestamp in seconds.</summary>
        public static bool LooksLikeSeconds(long milliseconds) => milliseconds > 0 && milliseconds < Boundary;
    }
}
