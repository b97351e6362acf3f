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
        private AppStoreServerApiClient? client;
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

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        [Parameter]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; } = 3;

        private protected AppStoreServerApiClient Client => client!;

        protected override void BeginProcessing()
        {
            pipelineThread = System.Threading.Thread.CurrentThread.ManagedThreadId;
            client = NewClient(Environment, BaseUri);
        }

        /// <summary>A client for an environment or base URL with this run's key, timeout and retries (a bad one is terminating).</summary>
        private protected AppStoreServerApiClient NewClient(string environment, string? baseUri)
        {
            try
            {
                AppStoreServerApiClient made = new AppStoreServerApiClient(Key, BundleId, AppStoreServerApiClient.ResolveBaseUri(environment, baseUri))
                {
                    MaximumRetryCount = MaximumRetryCount,
                    RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
                    OnRetry = retryMessages.Enqueue,
                };
                if (baseUri != null)
                {
                    // A shorter first backoff against a server the user runs: a test server rarely needs a full second.
                    made.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
                }

                return made;
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
        /// Waits for an answer. On the pipeline thread each retry wait shows as a verbose line while it waits; on a
        /// worker thread (-ThrottleLimit) the lines wait in the queue until that row's output is written.
        /// </summary>
        private protected ServerApiResponse Await(Task<ServerApiResponse> pending)
        {
            if (System.Threading.Thread.CurrentThread.ManagedThreadId == pipelineThread)
            {
                // The wait handle, not Task.Wait: a failed request must surface as its own exception, not an AggregateException.
                while (!((IAsyncResult)pending).AsyncWaitHandle.WaitOne(50))
                {
                    FlushRetryMessages();
                }

                FlushRetryMessages();
            }

            return pending.GetAwaiter().GetResult();
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
                    WriteError(new ErrorRecord(api, api.ErrorId, api.ErrorId == "MalformedServerApiResponse" ? ErrorCategory.InvalidData : Category(api.StatusCode), target));
                    break;
                case AppStoreJwsException jws:
                    WriteError(ErrorRecords.From(jws, target));
                    break;
                default:
                    throw actual;
            }
        }

        private static ErrorCategory Category(int status)
        {
            switch (status)
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

        /// <summary>JSON text as PSCustomObjects, arrays and values, like ConvertFrom-Json; null for an empty body.</summary>
        private protected static object? FromJson(string body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            return ToPowerShell(Json.PlainObjectJson.Read(body));
        }

        /// <summary>The answer's JSON with Apple's millisecond dates (members named *Date) as DateTimeOffset, for the typed cmdlets.</summary>
        private protected static object? FromJsonWithDates(string body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            return ToPowerShell(Json.PlainObjectJson.Read(body), true);
        }

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
                        object? value = dates && name.EndsWith("Date", StringComparison.Ordinal) && member.Value is long milliseconds
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
