using System.Collections;
using AppStoreJws.Output;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// What the cmdlets that read signed data from the App Store Server API share: the verifier (-TrustedRoot,
    /// -AppAppleId, and the environment asked), and the decoding of each signed field into the module's
    /// signed-data objects. Nothing unverified is ever written.
    /// </summary>
    public abstract class AppStoreServerApiSignedDataCommand : AppStoreServerApiCommand
    {
        private SignedDataVerifier? verifier;

        /// <summary>The roots the signing chains must lead to; Apple Root CA - G3 when absent.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public object[]? TrustedRoot { get; set; }

        /// <summary>The app's Apple ID, which production data must carry.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long? AppAppleId { get; set; }

        /// <summary>The verifier for the environment asked (valid from BeginProcessing on).</summary>
        private protected SignedDataVerifier Verifier => verifier!;

        /// <summary>Whether this run reads signed data at all (a test notification without -Wait does not, and needs no -AppAppleId).</summary>
        private protected virtual bool ReadsSignedData => true;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (ReadsSignedData)
            {
                verifier = NewVerifier(Environment);
            }
        }

        private protected SignedDataVerifier NewVerifier(string environment) =>
            SignedDataCommand.CreateVerifier(this, TrustedRoot, BundleId ?? Key.BundleId, AppAppleId ?? Key.AppAppleId, environment, false, null);

        /// <summary>Sends one request (any thread); returns the answer, the verifier for its environment, and the client that gave it.</summary>
        private protected virtual (ServerApiResponse Response, SignedDataVerifier Verifier, AppStoreServerApiClient From) Ask(ServerApiRequest request) =>
            (Await(Client.SendAsync(request)), Verifier, Client);

        /// <summary>
        /// Every page of a paged answer, with progress: the first page decides where the rest are asked (-FallbackToSandbox). <paramref name="write"/> gets each page with its verifier and returns
        /// false to stop early (-First).
        /// </summary>
        private protected void PageThrough(string activity, Func<string?, ServerApiRequest> requestFor, string cursorMember, string itemsMember,
            Func<ServerApiPage, ServerApiRequest, SignedDataVerifier, bool> write)
        {
            AppStoreServerApiClient? from = null;
            SignedDataVerifier verifier = Verifier;
            ServerApiRequest? last = null;
            ServerApiResponse Send(ServerApiRequest request)
            {
                last = request;
                if (from == null)
                {
                    (ServerApiResponse response, SignedDataVerifier used, AppStoreServerApiClient client) = Ask(request);
                    from = client;
                    verifier = used;
                    return response;
                }

                return Await(from.SendAsync(request));
            }

            ProgressRecord progress = new ProgressRecord(Math.Abs(activity.GetHashCode() % 100000), activity, "Asking for page 1");
            try
            {
                foreach (ServerApiPage page in ServerApiPager.Pages(requestFor, Send, cursorMember, itemsMember))
                {
                    progress.StatusDescription = page.HasMore ? $"Read page {page.Number}; asking for page {page.Number + 1}" : $"Read page {page.Number}, the last";
                    WriteProgress(progress);
                    if (!write(page, last!, verifier))
                    {
                        break;
                    }
                }
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }
        /// <summary>One signed field, verified and decoded (throws <see cref="AppStoreJwsException"/> when it does not verify). Thread-safe.</summary>
        private protected static PSObject Decode(SignedDataVerifier with, string signed, SignedDataKind kind)
        {
            try
            {
                return SignedDataObjects.ToPSObject(with.Verify(signed, kind));
            }
            catch (AppStoreJwsException e)
            {
                throw new SignedFieldException(e, signed);
            }
        }

        /// <summary>
        /// A decoded notification and the send attempts Apple reported for it (Get Notification History, Get Test
        /// Notification Status): the notification's own fields, then sendAttempts with attemptDate as DateTimeOffset.
        /// </summary>
        private protected static PSObject NotificationWithAttempts(SignedDataVerifier with, ServerApiRequest request, IDictionary item)
        {
            PSObject notification = Decode(with, ServerApiAnswer.RequiredString(request, item, "signedPayload"), SignedDataKind.Notification);
            object? attempts;
            try
            {
                attempts = ToPowerShell(item["sendAttempts"] ?? new List<object?>(), true);
            }
            catch (Exception e) when (ServerApiAnswer.IsUnreadable(e) || e is RuntimeException)
            {
                throw ServerApiAnswer.Malformed(request, "sendAttempts cannot be read (" + ServerApiFailures.Untrusted(e.Message, 160) + ")");
            }

            notification.Properties.Add(new PSNoteProperty("sendAttempts", attempts));
            return notification;
        }

        /// <summary>Writes one signed field verified and decoded, or its error (non-terminating) when it does not verify.</summary>
        private protected void WriteDecoded(SignedDataVerifier with, string signed, SignedDataKind kind, object? target)
        {
            try
            {
                WriteObject(Decode(with, signed, kind));
            }
            catch (SignedFieldException e)
            {
                WriteFailure(e, target);
            }
        }

        /// <summary>Writes the error of one failed input: Apple's refusal, a malformed answer, or signed data that did not verify.</summary>
        private protected void WriteFailure(Exception failure, object? target)
        {
            Exception actual = failure is AggregateException aggregate ? aggregate.GetBaseException() : failure;
            if (actual is SignedFieldException signed)
            {
                ErrorRecord record = SignedDataCommand.ErrorFor(signed.Failure, signed.SignedData);
                if (target is string asked)
                {
                    // In a batch, the input that led to the bad signed data is what the user can act on.
                    record.ErrorDetails = new ErrorDetails($"{asked}: {record.ErrorDetails?.Message ?? record.Exception.Message}");
                }

                WriteError(record);
                return;
            }

            WriteApiError(actual, target);
        }

        /// <summary>Signed data in an answer that did not verify: carries the data, so the error names it as the verifying cmdlets do.</summary>
        private protected sealed class SignedFieldException : Exception
        {
            public SignedFieldException(AppStoreJwsException failure, string signedData)
                : base(failure.Message, failure)
            {
                Failure = failure;
                SignedData = signedData;
            }

            public AppStoreJwsException Failure { get; }

            public string SignedData { get; }
        }
    }

    /// <summary>
    /// The lookups by transaction: -FallbackToSandbox (a TransactionIdNotFound or a bare 401 from production is asked
    /// again of the sandbox, and the answer verified as sandbox data), and paging through Apple's answers.
    /// </summary>
    public abstract class AppStoreServerApiLookupCommand : AppStoreServerApiSignedDataCommand
    {
        private const long TransactionIdNotFound = 4040010;
        private AppStoreServerApiClient? sandboxClient;
        private SignedDataVerifier? sandboxVerifier;

        /// <summary>Asks the sandbox when production answers TransactionIdNotFound (4040010), or 401 without a code (production refuses an app with no approved release yet). Apple's advice: a last resort; the data names its environment.</summary>
        [Parameter]
        public SwitchParameter FallbackToSandbox { get; set; }

        /// <summary>Where -FallbackToSandbox asks when -BaseUri replaces Apple's production URL (a proxy or a test server).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? SandboxBaseUri { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (!FallbackToSandbox || Environment != "Production")
            {
                return;
            }

            if (BaseUri != null && SandboxBaseUri == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-FallbackToSandbox with -BaseUri '{BaseUri}' needs -SandboxBaseUri: there is no way to tell where that server's sandbox is."),
                    ErrorIds.SandboxBaseUriMissing, ErrorCategory.InvalidArgument, BaseUri));
            }

            sandboxClient = NewClient("Sandbox", SandboxBaseUri);
            sandboxVerifier = NewVerifier("Sandbox");
        }

        /// <summary>
        /// Sends one lookup (any thread), and with -FallbackToSandbox asks the sandbox after production's
        /// TransactionIdNotFound. Returns the answer and the verifier for the environment that gave it.
        /// </summary>
        private protected override (ServerApiResponse Response, SignedDataVerifier Verifier, AppStoreServerApiClient From) Ask(ServerApiRequest request)
        {
            try
            {
                return base.Ask(request);
            }
            catch (AppStoreServerApiException e) when (sandboxClient != null && (e.ErrorCode == TransactionIdNotFound || (e.StatusCode == 401 && e.ErrorCode == null)))
            {
                QueueVerbose(e.StatusCode == 401
                    ? $"{ServerApiFailures.What(request)}: production answered HTTP 401 (as it does for an app with no approved release yet); asking the sandbox (-FallbackToSandbox)."
                    : $"{ServerApiFailures.What(request)}: production answered TransactionIdNotFound; asking the sandbox (-FallbackToSandbox).");
                return (Await(sandboxClient.SendAsync(request)), sandboxVerifier!, sandboxClient);
            }
        }
    }

    /// <summary>
    /// The lookups that take many IDs from the pipeline: -ThrottleLimit keeps that many requests in flight on
    /// worker threads (the shared <see cref="Pipeline.OrderedWorkQueue{T}"/>) and writes the outcomes in input order.
    /// </summary>
    public abstract class AppStoreServerApiPipelineLookupCommand : AppStoreServerApiLookupCommand, IDisposable
    {
        private Pipeline.OrderedWorkQueue<LookupOutcome>? queue;

        /// <summary>How many requests are in flight at once (1: one after another). Output keeps the input order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 1;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // One row inline (a lookup at the prompt shows its retry waits live); from the second on, requests go out in parallel.
            queue = new Pipeline.OrderedWorkQueue<LookupOutcome>(ThrottleLimit, Emit, EmitError, inlineRows: 1) { WhileWaiting = ShowWaits };
        }

        protected override void EndProcessing() => queue!.Complete();

        protected override void StopProcessing()
        {
            base.StopProcessing();
            queue?.Dispose();
        }

        public void Dispose() => queue?.Dispose();

        /// <summary>Queues one input's lookup; <paramref name="work"/> runs on any thread and must not touch the cmdlet's streams.</summary>
        private protected void Lookup(string target, Func<LookupOutcome> work) => queue!.Add(work, target);

        private void Emit(LookupOutcome outcome, object? target)
        {
            FlushRetryMessages();
            foreach (object result in outcome.Objects)
            {
                WriteObject(result);
            }

            foreach (Exception failure in outcome.Failures)
            {
                WriteFailure(failure, target);
            }
        }

        private void EmitError(Exception failure, object? target)
        {
            FlushRetryMessages();
            WriteFailure(failure, target);
        }

        /// <summary>What one input gave: the objects to write, then the errors of parts that failed (one signed transaction of an order, say).</summary>
        private protected sealed class LookupOutcome
        {
            public List<object> Objects { get; } = new List<object>();

            public List<Exception> Failures { get; } = new List<Exception>();
        }
    }
}
