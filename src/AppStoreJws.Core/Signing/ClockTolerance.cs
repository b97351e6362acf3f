using System;

namespace AppStoreJws.Signing
{
    /// <summary>
    /// How much clock difference between hosts the module forgives: the linter judges iat and exp with it, the legacy
    /// verifier its timestamp, and the signer refuses an iat further ahead than the most it forgives.
    /// </summary>
    internal static class ClockTolerance
    {
        /// <summary>Forgiven by default: a minute covers ordinary drift between hosts.</summary>
        public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

        /// <summary>More than this hides a broken clock rather than tolerating drift.</summary>
        public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(10);
    }
}
