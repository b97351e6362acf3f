using System.Collections;
using AppStoreJws.Commands;
using AppStoreJws.Output;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;
using AppStoreJws.Verifying;

namespace AppStoreJws.Lookups
{
    /// <summary>
    /// The run of a Server API cmdlet that reads signed data: the verifier for the environment asked (-TrustedRoot,
    /// -AppAppleId), -FallbackToSandbox (a TransactionIdNotFound or a bare 401 from production is asked again of the
    /// sandbox, and the answer verified as sandbox data), paging, and the decoding of each signed field into the
    /// module's signed-data objects. Nothing unverified is ever written.
    /// </summary>
    internal sealed class SignedDataRun
    {
        private const long TransactionIdNotFound = 4040010;
        private readonly AppStoreServerApiCommand cmdlet;
        private readonly SignedDataParameters parameters;
        private readonly SignedDataVerifier? verifier;
        private readonly AppStoreServerApiClient? sandboxClient;
        private readonly SignedDataVerifier? sandboxVerifier;

        /// <summary>Made once the cmdlet's client exists; an unusable option is a terminating error of the cmdlet.</summary>
        public SignedDataRun(AppStoreServerApiCommand cmdlet, SignedDataParameters parameters, bool readsSignedData = true)
        {
            this.cmdlet = cmdlet;
            this.parameters = parameters;
            if (readsSignedData)
            {
                verifier = NewVerifier(cmdlet.Environment);
            }

            if (!(parameters is LookupParameters lookup) || !lookup.FallbackToSandbox || cmdlet.Environment != "Production")
            {
                return;
            }

            if (cmdlet.BaseUri != null && lookup.SandboxBaseUri == null)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(ErrorIds.SandboxBaseUriMissing, ErrorCategory.InvalidArgument,
                    $"-FallbackToSandbox with -BaseUri '{cmdlet.BaseUri}' needs -SandboxBaseUri: there is no way to tell where that server's sandbox is.", cmdlet.BaseUri));
            }

            sandboxClient = cmdlet.NewClient("Sandbox", lookup.SandboxBaseUri);
            sandboxVerifier = NewVerifier("Sandbox");
        }

        /// <summary>The verifier for the environment asked.</summary>
        public SignedDataVerifier Verifier => verifier ?? throw new InvalidOperationException("This run reads no signed data.");

        private SignedDataVerifier NewVerifier(string environment) =>
            SignedDataVerifiers.Create(cmdlet, parameters.TrustedRoot, cmdlet.BundleId ?? cmdlet.Key.BundleId, parameters.AppAppleId ?? cmdlet.Key.AppAppleId, environment, false, null);

        /// <summary>
        /// Sends one request (any thread), and with -FallbackToSandbox asks the sandbox after production's
        /// TransactionIdNotFound. Returns the answer, the verifier for the environment that gave it, and the client.
        /// </summary>
        public (ServerApiResponse Response, SignedDataVerifier Verifier, AppStoreServerApiClient From) Ask(ServerApiRequest request)
        {
            try
            {
                return (cmdlet.Await(cmdlet.Client.SendAsync(request)), Verifier, cmdlet.Client);
            }
            catch (AppStoreServerApiException e) when (sandboxClient != null && (e.ErrorCode == TransactionIdNotFound || (e.StatusCode == 401 && e.ErrorCode == null)))
            {
                cmdlet.QueueVerbose(e.StatusCode == 401
                    ? $"{ServerApiFailures.What(request)}: production answered HTTP 401 (as it does for an app with no approved release yet); asking the sandbox (-FallbackToSandbox)."
                    : $"{ServerApiFailures.What(request)}: production answered TransactionIdNotFound; asking the sandbox (-FallbackToSandbox).");
                return (cmdlet.Await(sandboxClient.SendAsync(request)), sandboxVerifier!, sandboxClient);
            }
        }

        /// <summary>
        /// Every page of a paged answer, with progress: the first page decides where the rest are asked (-FallbackToSandbox).
        /// <paramref name="write"/> gets each page with its verifier and returns false to stop early (-First).
        /// </summary>
        public void PageThrough(string activity, Func<string?, ServerApiRequest> requestFor, string cursorMember, string itemsMember,
            Func<ServerApiPage, ServerApiRequest, SignedDataVerifier, bool> write)
        {
            AppStoreServerApiClient? from = null;
            SignedDataVerifier pageVerifier = Verifier;
            ServerApiRequest? last = null;
            ServerApiResponse Send(ServerApiRequest request)
            {
                last = request;
                if (from == null)
                {
                    (ServerApiResponse response, SignedDataVerifier used, AppStoreServerApiClient client) = Ask(request);
                    from = client;
                    pageVerifier = used;
                    return response;
                }

                return cmdlet.Await(from.SendAsync(request));
            }

            ProgressRecord progress = new ProgressRecord(Math.Abs(activity.GetHashCode() % 100000), activity, "Asking for page 1");
            try
            {
                foreach (ServerApiPage page in ServerApiPager.Pages(requestFor, Send, cursorMember, itemsMember))
                {
                    progress.StatusDescription = page.HasMore ? $"Read page {page.Number}; asking for page {page.Number + 1}" : $"Read page {page.Number}, the last";
                    cmdlet.WriteProgress(progress);
                    if (!write(page, last!, pageVerifier))
                    {
                        break;
                    }
                }
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                cmdlet.WriteProgress(progress);
            }
        }

        /// <summary>One signed field, verified and decoded (throws <see cref="SignedFieldException"/> when it does not verify). Thread-safe.</summary>
        public static PSObject Decode(SignedDataVerifier with, string signed, SignedDataKind kind)
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
        public static PSObject NotificationWithAttempts(SignedDataVerifier with, ServerApiRequest request, IDictionary item)
        {
            PSObject notification = Decode(with, ServerApiAnswer.RequiredString(request, item, "signedPayload"), SignedDataKind.Notification);
            object? attempts;
            try
            {
                object plain = item["sendAttempts"] ?? new List<object?>();
                AppStoreServerApiCommand.ConvertDates(plain);
                attempts = JsonObjects.ToPowerShell(plain);
            }
            catch (Exception e) when (ServerApiAnswer.IsUnreadable(e) || e is RuntimeException)
            {
                throw ServerApiAnswer.Malformed(request, "sendAttempts cannot be read (" + ServerApiFailures.Untrusted(e.Message, 160) + ")");
            }

            notification.Properties.Add(new PSNoteProperty("sendAttempts", attempts));
            return notification;
        }

        /// <summary>Writes one signed field verified and decoded, or its error (non-terminating) when it does not verify.</summary>
        public void WriteDecoded(SignedDataVerifier with, string signed, SignedDataKind kind, object? target)
        {
            try
            {
                cmdlet.WriteObject(Decode(with, signed, kind));
            }
            catch (SignedFieldException e)
            {
                WriteFailure(e, target);
            }
        }

        /// <summary>Writes the error of one failed input: Apple's refusal, a malformed answer, or signed data that did not verify.</summary>
        public void WriteFailure(Exception failure, object? target)
        {
            Exception actual = failure is AggregateException aggregate ? aggregate.GetBaseException() : failure;
            if (actual is SignedFieldException signed)
            {
                ErrorRecord record = SignedDataVerifiers.ErrorFor(signed.Failure, signed.SignedData);
                if (target is string asked)
                {
                    // In a batch, the input that led to the bad signed data is what the user can act on.
                    record.ErrorDetails = new ErrorDetails($"{asked}: {record.ErrorDetails?.Message ?? record.Exception.Message}");
                }

                cmdlet.WriteError(record);
                return;
            }

            cmdlet.WriteApiError(actual, target);
        }
    }

    /// <summary>Signed data in an answer that did not verify: carries the data, so the error names it as the verifying cmdlets do.</summary>
    internal sealed class SignedFieldException : Exception
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
