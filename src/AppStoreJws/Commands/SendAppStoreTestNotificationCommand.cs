using System.Diagnostics;
using System.Threading;
using AppStoreJws.Lookups;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verifying;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Asks Apple to send a TEST notification to the app's server notification URL; returns the
    /// testNotificationToken, or with -Wait the notification's status once Apple has tried to send it.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "AppStoreTestNotification", SupportsShouldProcess = true)]
    [OutputType(typeof(PSObject))]
    public sealed class SendAppStoreTestNotificationCommand : AppStoreServerApiCommand, IDynamicParameters, IDisposable
    {
        private const long TestNotificationNotFound = 4040008;
        private readonly ManualResetEventSlim stopping = new ManualResetEventSlim();

        /// <summary>The trust parameters; only -Wait reads signed data, so without it none is needed (no -AppAppleId).</summary>
        private readonly SignedDataReading reading;

        public SendAppStoreTestNotificationCommand() => reading = Hold(new SignedDataReading(new SignedDataParameters(), () => Wait));

        /// <summary>Waits until Apple reports a send attempt, then returns the status (Get-AppStoreTestNotificationStatus) instead of the token.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits for the first send attempt, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int WaitTimeoutSec { get; set; } = 60;

        /// <summary>The pause between two status requests of -Wait, in milliseconds.</summary>
        [Parameter]
        [ValidateRange(100, 60000)]
        public int PollIntervalMilliseconds { get; set; } = 2000;

        public object GetDynamicParameters() => reading.Parameters;

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(BaseUri ?? Environment, "Request a test notification"))
            {
                return;
            }

            try
            {
                ServerApiRequest request = ServerApiOperations.RequestTestNotification();
                ServerApiResponse response = Send(request);
                if (!Wait)
                {
                    object? result = FromJsonWithDates(request, response.Body);
                    if (result != null)
                    {
                        WriteObject(result);
                    }

                    return;
                }

                string token = ServerApiAnswer.RequiredString(request, ServerApiAnswer.Object(request, response), "testNotificationToken");
                WaitForStatus(token);
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is SignedFieldException || e is AggregateException)
            {
                reading.Run.WriteFailure(e, null);
            }
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            stopping.Set();
        }

        public void Dispose() => stopping.Dispose();

        private void WaitForStatus(string token)
        {
            ServerApiRequest status = ServerApiOperations.TestNotificationStatus(token);
            Stopwatch waited = Stopwatch.StartNew();
            while (true)
            {
                // Apple needs a moment to send: ask after each pause, not at once.
                if (stopping.Wait(PollIntervalMilliseconds))
                {
                    return;
                }

                try
                {
                    System.Collections.IDictionary members = ServerApiAnswer.Object(status, Send(status));
                    if (members["sendAttempts"] is System.Collections.IList attempts && attempts.Count > 0)
                    {
                        WriteObject(SignedDataRun.NotificationWithAttempts(reading.Run.Verifier, status, members));
                        return;
                    }

                    WriteVerbose($"Test notification {token}: no send attempt yet after {waited.Elapsed.TotalSeconds:0.#} s.");
                }
                catch (AppStoreServerApiException e) when (e.ErrorCode == TestNotificationNotFound)
                {
                    WriteVerbose($"Test notification {token}: Apple has no status for it yet after {waited.Elapsed.TotalSeconds:0.#} s.");
                }

                if (waited.Elapsed.TotalSeconds >= WaitTimeoutSec)
                {
                    WriteError(ErrorRecords.From(ErrorIds.TestNotificationWaitTimeout, ErrorCategory.OperationTimeout,
                        $"Test notification {token}: no send attempt within {WaitTimeoutSec} s (-WaitTimeoutSec); expected Apple to try the notification URL by then. Get-AppStoreTestNotificationStatus -TestNotificationToken {token} asks again later.", token));
                    return;
                }
            }
        }
    }
}
