using System.Collections;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using AppStoreJws.Lookups;
using AppStoreJws.Output;
using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// The one base of every App Store Server API cmdlet: the key, environment or base URL, timeout and retries; one
    /// client per run; Apple's errors as non-terminating errors for the input that caused them. What only some
    /// endpoints need (verifying signed data, the sandbox fallback, paging, the ordered queue) is not a deeper base but
    /// a helper object the cmdlet holds (<see cref="Hold{T}"/>; see the Lookups folder), begun, completed and stopped here.
    /// </summary>
    public abstract class AppStoreServerApiCommand : PSCmdlet
    {
        private readonly ConcurrentQueue<string> retryMessages = new ConcurrentQueue<string>();
        private readonly ServerApiSession session = new ServerApiSession();
        private readonly List<IServerApiRunPart> parts = new List<IServerApiRunPart>();
        private AppStoreServerApiClient? client;
        private ProgressRecord? waitProgress;
        private int pipelineThread;

        /// <summary>The In-App Purchase key from Get-AppStoreKey (issuer ID and bundle ID come from it).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        [AppStoreKeyTransformation]
        public AppStoreKey Key { get; set; } = null!;

        /// <summary>The app's bundle ID (the token's bid); defaults to the key's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? BundleId { get; set; }

        [Parameter]
        [ValidateSet("Production", "Sandbox")]
        [NoKeyText]
        public string Environment { get; set; } = "Production";

        /// <summary>Another base URL (a proxy or a test server): https, or http on a loopback address.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? BaseUri { get; set; }

        /// <summary>The longest one attempt may take, from sending to the last byte of the answer (Apple answers in well under a second).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 30;

        /// <summary>
        /// How many times a failure that may pass is tried again: HTTP 429 and Apple's *Retryable codes, and, for reads
        /// only, timeouts and connection failures. A write whose request may have arrived is never sent again.
        /// Waiting for the time a Retry-After names does not count (see -MaximumRateLimitWaitSec); 0 tries nothing again.
        /// </summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; } = 3;

        /// <summary>The longest the run waits for the time a Retry-After names (one hour by default, as Apple's limits are hourly); past it, the input fails with RateLimitExceeded naming the time.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int MaximumRateLimitWaitSec { get; set; } = 3600;

        internal AppStoreServerApiClient Client => client!;

        /// <summary>The run's shared state: cancellation, the one rate-limit gate, the retry policy.</summary>
        internal ServerApiSession Session => session;

        protected override void BeginProcessing()
        {
            pipelineThread = System.Threading.Thread.CurrentThread.ManagedThreadId;
            session.MaximumRetryCount = MaximumRetryCount;
            session.RequestTimeout = TimeSpan.FromSeconds(TimeoutSec);
            session.Gate.MaximumWait = TimeSpan.FromSeconds(MaximumRateLimitWaitSec);
            session.OnRetry = retryMessages.Enqueue;
            if (BaseUri != null)
            {
                // A shorter first backoff against a server the user runs: a test server rarely needs a full second.
                session.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
            }

            client = NewClient(Environment, BaseUri);
            foreach (IServerApiRunPart part in parts)
            {
                part.Begin(this);
            }
        }

        protected override void EndProcessing()
        {
            foreach (IServerApiRunPart part in parts)
            {
                part.Complete();
            }
        }

        /// <summary>Ctrl+C: every request, retry wait and rate-limit wait of the run ends at once, and nothing more is sent.</summary>
        protected override void StopProcessing()
        {
            session.Stop();
            foreach (IServerApiRunPart part in parts)
            {
                part.Stop();
            }
        }

        /// <summary>
        /// A helper object the cmdlet holds for its run (the verifier, the sandbox fallback, the ordered queue): begun once
        /// the client exists, completed at the end of the input, stopped by Ctrl+C. Returns it, for the cmdlet's field.
        /// </summary>
        private protected T Hold<T>(T part) where T : IServerApiRunPart
        {
            parts.Add(part);
            return part;
        }

        /// <summary>A client for an environment or base URL with this run's key, timeout and retries (a bad one is terminating).</summary>
        internal AppStoreServerApiClient NewClient(string environment, string? baseUri)
        {
            try
            {
                return new AppStoreServerApiClient(Key, BundleId, AppStoreServerApiClient.ResolveBaseUri(environment, baseUri), session);
            }
            catch (AppStoreJwsException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, Key));
                throw;
            }
        }

        /// <summary>
        /// True when the ID is not a transaction ID (digits only), with its TransactionIdNotDigits error written for
        /// this input: Apple would answer it with a bare 400, and a spreadsheet's 2E+15 deserves its explanation.
        /// </summary>
        internal bool WriteErrorIfNotTransactionId(string id)
        {
            try
            {
                AppStoreIdentifiers.ValidateTransactionId("transactionId", id);
                return false;
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, id));
                return true;
            }
        }

        /// <summary>
        /// The checks every lookup by one transaction ID makes of its row before asking Apple: no key text in the row's
        /// values, and an ID of digits. A refused row gets its error and is skipped.
        /// </summary>
        internal bool WriteErrorIfRowRefused(string transactionId) =>
            NoKeyTextAttribute.WriteErrorIfRefused(this) || WriteErrorIfNotTransactionId(transactionId);

        /// <summary>Sends one request, showing each retry wait as a verbose line while it waits.</summary>
        internal ServerApiResponse Send(ServerApiRequest request) => Await(Client.SendAsync(request));

        /// <summary>
        /// Waits for an answer. On the pipeline thread each retry wait shows as a verbose line while it waits, and a
        /// rate-limit wait as a progress bar; on a worker thread (-ThrottleLimit) the pipeline thread shows them
        /// (<see cref="ShowWaits"/>). Once the run is stopped, the wait ends with PipelineStoppedException.
        /// </summary>
        internal ServerApiResponse Await(Task<ServerApiResponse> pending)
        {
            if (System.Threading.Thread.CurrentThread.ManagedThreadId == pipelineThread)
            {
                // The wait handle, not Task.Wait: a failed request must surface as its own exception, not an AggregateException.
                while (!((IAsyncResult)pending).AsyncWaitHandle.WaitOne(50))
                {
                    ShowWaits();
                }

                ShowWaits();
            }

            try
            {
                return pending.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (session.IsStopping)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// On the pipeline thread while the run waits: the verbose lines of retries, and a progress bar while the
        /// rate-limit gate is closed (until when). Ends the wait once the run is stopped.
        /// </summary>
        internal void ShowWaits()
        {
            if (session.IsStopping)
            {
                throw new PipelineStoppedException();
            }

            FlushRetryMessages();
            DateTimeOffset? until = session.Gate.LatestClosedUntil();
            if (until.HasValue)
            {
                waitProgress ??= new ProgressRecord(0x5A7E, "Waiting for the App Store Server API's rate limit", "waiting");
                TimeSpan left = until.Value - DateTimeOffset.UtcNow;
                waitProgress.RecordType = ProgressRecordType.Processing;
                waitProgress.StatusDescription = string.Format(System.Globalization.CultureInfo.InvariantCulture,
                    "No request before {0:HH:mm:ss} UTC, as the server asked", until.Value.UtcDateTime);
                waitProgress.SecondsRemaining = (int)Math.Ceiling(Math.Max(0, left.TotalSeconds));
                WriteProgress(waitProgress);
            }
            else if (waitProgress != null && waitProgress.RecordType != ProgressRecordType.Completed)
            {
                waitProgress.RecordType = ProgressRecordType.Completed;
                WriteProgress(waitProgress);
            }
        }

        /// <summary>A verbose line from any thread, written on the pipeline thread with the next output.</summary>
        internal void QueueVerbose(string message) => retryMessages.Enqueue(message);

        internal void FlushRetryMessages()
        {
            while (retryMessages.TryDequeue(out string? message))
            {
                WriteVerbose(message);
            }
        }

        /// <summary>
        /// One input's request, for a cmdlet whose answer needs no helper object: key text in the input's values is that
        /// input's error, and so is any failure of <paramref name="send"/> (named by <paramref name="target"/>); the next
        /// input is still sent.
        /// </summary>
        internal void SendForInput(object? target, Action send)
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            try
            {
                send();
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, target));
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AggregateException)
            {
                WriteApiError(e, target);
            }
        }

        /// <summary>Apple's refusal of one input: a non-terminating error carrying the status, code and message.</summary>
        internal void WriteApiError(Exception failure, object? target)
        {
            Exception actual = failure is AggregateException aggregate ? aggregate.GetBaseException() : failure;
            switch (actual)
            {
                case AppStoreServerApiException api:
                    WriteError(ErrorRecords.From(api, target));
                    break;
                case AppStoreJwsException jws:
                    WriteError(ErrorRecords.From(jws, target));
                    break;
                case OperationCanceledException when session.IsStopping:
                    throw new PipelineStoppedException();
                default:
                    throw actual;
            }
        }

        /// <summary>JSON text as PSCustomObjects, arrays and values, like ConvertFrom-Json; null for an empty body; MalformedServerApiResponse for anything else.</summary>
        private protected static object? FromJson(ServerApiRequest request, string body) => FromJson(request, body, false);

        /// <summary>The answer's JSON with Apple's millisecond dates (members named *Date) as DateTimeOffset, for the typed cmdlets.</summary>
        private protected static object? FromJsonWithDates(ServerApiRequest request, string body) => FromJson(request, body, true);

        private static object? FromJson(ServerApiRequest request, string body, bool dates)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            try
            {
                object? plain = Json.PlainObjectJson.Read(body);
                if (dates)
                {
                    ConvertDates(plain);
                }

                return JsonObjects.ToPowerShell(plain);
            }
            catch (Exception e) when (ServerApiAnswer.IsUnreadable(e) || e is RuntimeException)
            {
                // An HTML page, a member with an empty name, names differing only in case, too many values.
                throw ServerApiAnswer.Malformed(request, "the answer is not JSON this module can read (" + ServerApiFailures.Untrusted(e.Message, 160) + ")");
            }
        }

        /// <summary>Apple's millisecond dates (members named *Date) as times, by the core's one conversion.</summary>
        internal static void ConvertDates(object? plain)
        {
            switch (plain)
            {
                case IDictionary members:
                    Json.AppleDates.ConvertDates(members);
                    break;
                case IList items when !(plain is string):
                    Json.AppleDates.ConvertDates(items);
                    break;
            }
        }
    }
}
