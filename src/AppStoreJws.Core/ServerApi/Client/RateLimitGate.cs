using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using AppStoreJws.Errors;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// One pause per run and host: once any request is told to wait (Retry-After), no request of the run goes to that
    /// host before the time named. Every request passes through <see cref="WaitAsync"/> before it is sent, so the
    /// workers of a -ThrottleLimit run wait together instead of each finding the limit for itself.
    /// </summary>
    internal sealed class RateLimitGate
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> closedUntil = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);

        /// <summary>The longest one wait may be; a longer one fails the input with RateLimitExceeded instead.</summary>
        public TimeSpan MaximumWait { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Closes the gate for a host until the time named (a later time wins over an earlier one).</summary>
        public void Close(string host, DateTimeOffset until)
        {
            if (until > DateTimeOffset.UtcNow)
            {
                closedUntil.AddOrUpdate(host, until, (_, earlier) => until > earlier ? until : earlier);
            }
        }

        /// <summary>Until when the gate of a host is closed, or null when it is open.</summary>
        public DateTimeOffset? ClosedUntil(string host) =>
            closedUntil.TryGetValue(host, out DateTimeOffset until) && until > DateTimeOffset.UtcNow ? until : null;

        /// <summary>The latest time any host is closed until, or null when every gate is open (for a progress bar).</summary>
        public DateTimeOffset? LatestClosedUntil()
        {
            DateTimeOffset? latest = null;
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (DateTimeOffset until in closedUntil.Values)
            {
                if (until > now && (latest == null || until > latest))
                {
                    latest = until;
                }
            }

            return latest;
        }

        /// <summary>Returns once the host's gate is open; throws RateLimitExceeded, sending nothing, when the wait would be longer than <see cref="MaximumWait"/>.</summary>
        public async Task WaitAsync(string host, string what, CancellationToken cancel)
        {
            while (ClosedUntil(host) is DateTimeOffset until)
            {
                TimeSpan wait = until - DateTimeOffset.UtcNow;
                if (wait > MaximumWait)
                {
                    throw TooLong(what, host, until, MaximumWait);
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancel).ConfigureAwait(false);
                }
            }
        }

        public static AppStoreServerApiException TooLong(string what, string host, DateTimeOffset until, TimeSpan maximum) =>
            new AppStoreServerApiException(ErrorIds.RateLimitExceeded, 429, null, null, string.Format(CultureInfo.InvariantCulture,
                "{0}: the server at {1} asked that no request be sent before {2:yyyy-MM-dd HH:mm:ss.fff} UTC ({3:0} s from now), longer than the {4:0} s one wait may take (-MaximumRateLimitWaitSec); nothing was sent. Run again after that time.",
                what, host, until.UtcDateTime, Math.Max(0, (until - DateTimeOffset.UtcNow).TotalSeconds), maximum.TotalSeconds))
            {
                RetryAfter = until,
            };
    }
}
