using System.Globalization;
using System.Reflection;
using AppStoreJws.ServerApi;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Output
{
    /// <summary>
    /// The times of the token objects as <c>AppStoreJws.types.ps1xml</c> presents them. Export-Csv writes a
    /// value with its own ToString(), which for a DateTimeOffset follows the current culture
    /// ("03.12.2026 05:16:37 +00:00" in de-DE), so a CSV written on one machine would not read back on another.
    /// Each time is handed out as the DateTimeOffset itself (comparisons, methods and -is still work) wrapped in a
    /// PSObject whose ToString() is ISO 8601 in UTC. The wrapper is made only when the property is read, so signing
    /// rows costs nothing more.
    /// </summary>
    public static class IsoTime
    {
        private static readonly MethodInfo ToStringMethod = typeof(IsoTime).GetMethod(nameof(Format))!;

        public static object? StoreKitIssuedAt(PSObject instance) =>
            instance?.BaseObject is StoreKitJws token ? Wrap(token.IssuedAt) : null;

        public static object? BearerIssuedAt(PSObject instance) =>
            instance?.BaseObject is BearerToken token ? Wrap(token.IssuedAt) : null;

        public static object? BearerExpiresAt(PSObject instance) =>
            instance?.BaseObject is BearerToken token ? Wrap(token.ExpiresAt) : null;

        /// <summary>ISO 8601 in UTC: whole seconds as <c>2026-12-03T05:16:37Z</c>, a fraction only when there is one.</summary>
        public static string Format(PSObject instance) =>
            instance?.BaseObject is DateTimeOffset time
                ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
                : instance?.BaseObject?.ToString() ?? string.Empty;

        private static PSObject Wrap(DateTimeOffset time)
        {
            var wrapped = new PSObject(time);
            wrapped.Members.Add(new PSCodeMethod("ToString", ToStringMethod));
            return wrapped;
        }
    }
}
