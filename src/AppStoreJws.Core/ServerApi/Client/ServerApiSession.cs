using System;
using System.Threading;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// What one run of a Server API cmdlet shares across its clients (production, sandbox) and worker threads: the
    /// cancellation every request, retry and wait uses (Ctrl+C cancels it), the rate-limit gate, and the retry policy.
    /// </summary>
    internal sealed class ServerApiSession
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        /// <summary>Cancelled when the run stops (StopProcessing): every request, retry wait and rate-limit wait ends at once.</summary>
        public CancellationToken Cancellation => stopping.Token;

        public RateLimitGate Gate { get; } = new RateLimitGate();

        /// <summary>How many times a failure that may pass is tried again (not counting the first try).</summary>
        public int MaximumRetryCount { get; set; } = 3;

        /// <summary>How many times one request waits for a time Retry-After names (a guard against a server that keeps naming short ones).</summary>
        public int MaximumRateLimitWaits { get; set; } = 10;

        /// <summary>The longest one attempt may take, from sending to the last byte of the answer.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>The first wait of the exponential backoff when the server gives no Retry-After.</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        public TimeSpan RetryMaximumDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Told each wait before a retry (the cmdlets show it as a verbose line); called from any thread.</summary>
        public Action<string>? OnRetry { get; set; }

        public bool IsStopping => stopping.IsCancellationRequested;

        /// <summary>Stops the run: callable from any thread, any number of times. (The source holds no timer, so it needs no disposal.)</summary>
        public void Stop() => stopping.Cancel();
    }
}
