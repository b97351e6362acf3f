using System.Collections;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// What the App Store Server API cmdlets share: the key, environment or base URL, timeout and retries;
    /// one client per run; Apple's errors as non-terminating errors for the input that caused them.
    /// </summary>
    public abstract class AppStoreServerApiCommand : PSCmdlet
    {
        private readonly ConcurrentQueue<string> retryMessages = new ConcurrentQueue<string>();
        private readonly ServerApiSession session = new ServerApiSession();
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

        private protected AppStoreServerApiClient Client => client!;

        /// <summary>The run's shared state: cancellation, the one rate-limit gate, the retry policy.</summary>
        private protected ServerApiSession Session => session;

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
        }

        /// <summary>Ctrl+C: every request, retry wait and rate-limit wait of the run ends at once, and nothing more is sent.</summary>
        protected override void StopProcessing() => session.Stop();

        /// <summary>A client for an environment or base URL with this run's key, timeout and retries (a bad one is terminating).</summary>
        private protected AppStoreServerApiClient NewClient(string environment, string? baseUri)
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
        private protected bool WriteErrorIfNotTransactionId(string id)
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
        private protected bool WriteErrorIfRowRefused(string transactionId) =>
            NoKeyTextAttribute.WriteErrorIfRefused(this) || WriteErrorIfNotTransactionId(transactionId);

        /// <summary>Sends one request, showing each retry wait as a verbose line while it waits.</summary>
        private protected ServerApiResponse Send(ServerApiRequest request) => Await(Client.SendAsync(request));

        /// <summary>
        /// Waits for an answer. On the pipeline thread each retry wait shows as a verbose line while it waits, and a
        /// rate-limit wait as a progress bar; on a worker thread (-ThrottleLimit) the pipeline thread shows them
        /// (<see cref="ShowWaits"/>). Once the run is stopped, the wait ends with PipelineStoppedException.
        /// </summary>
        private protected ServerApiResponse Await(Task<ServerApiResponse> pending)
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
        private protected void ShowWaits()
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
        private protected void QueueVerbose(string message) => retryMessages.Enqueue(message);

        private protected void FlushRetryMessages()
        {
            while (retryMessages.TryDequeue(out string? message))
            {
                WriteVerbose(message);
            }
        }

        /// <summary>Apple's refusal of one input: a non-terminating error carrying the status, code and message.</summary>
        private protected void WriteApiError(Exception failure, object? target)
        {
            Exception actual = failure is AggregateException aggregate ? aggregate.GetBaseException() : failure;
            switch (actual)
            {
                case AppStoreServerApiException api:
                    WriteError(new ErrorRecord(api, api.ErrorId, Category(api), target));
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

        private static ErrorCategory Category(AppStoreServerApiException api)
        {
            switch (api.ErrorId)
            {
                case ErrorIds.MalformedServerApiResponse:
                case ErrorIds.ServerApiAnswerMismatch:
                case ErrorIds.UnsignedFieldContradicted:
                case ErrorIds.ServerApiResponseTooLarge:
                    return ErrorCategory.InvalidData;
                case ErrorIds.ServerApiRedirect:
                    return ErrorCategory.InvalidResult;
                case ErrorIds.RateLimitExceeded:
                    return ErrorCategory.LimitsExceeded;
            }

            switch (api.StatusCode)
            {
                case 0: return ErrorCategory.ConnectionError;
                case 401:
                case 403: return ErrorCategory.PermissionDenied;
                case 404: return ErrorCategory.ObjectNotFound;
                case 409: return ErrorCategory.ResourceExists;
                case 429: return ErrorCategory.LimitsExceeded;
                case 400: return ErrorCategory.InvalidArgument;
                default: return ErrorCategory.NotSpecified;
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
                return ToPowerShell(Json.PlainObjectJson.Read(body), dates);
            }
            catch (Exception e) when (ServerApiAnswer.IsUnreadable(e) || e is RuntimeException)
            {
                // An HTML page, a member with an empty name, names differing only in case, too many values.
                throw ServerApiAnswer.Malformed(request, "the answer is not JSON this module can read (" + ServerApiFailures.Untrusted(e.Message, 160) + ")");
            }
        }

        private static readonly long MinimumMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        private static readonly long MaximumMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

        /// <summary>Plain JSON values (dictionaries, lists) as PSCustomObjects and arrays; with <paramref name="dates"/>, members named *Date as DateTimeOffset.</summary>
        private protected static object? ToPowerShell(object? plain, bool dates = false)
        {
            switch (plain)
            {
                case IDictionary members:
                    PSObject result = new PSObject();
                    foreach (DictionaryEntry member in members)
                    {
                        string name = (string)member.Key;
                        // A *Date outside DateTimeOffset's range stays the number it was rather than ending the run.
                        object? value = dates && name.EndsWith("Date", StringComparison.Ordinal) && member.Value is long milliseconds
                            && milliseconds >= MinimumMilliseconds && milliseconds <= MaximumMilliseconds
                            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                            : ToPowerShell(member.Value, dates);
                        result.Properties.Add(new PSNoteProperty(name, value));
                    }

                    return result;
                case IList items when !(plain is string):
                    object?[] converted = new object?[items.Count];
                    for (int i = 0; i < items.Count; i++)
                    {
                        converted[i] = ToPowerShell(items[i], dates);
                    }

                    return converted;
                default:
                    return plain;
            }
        }
    }
}
