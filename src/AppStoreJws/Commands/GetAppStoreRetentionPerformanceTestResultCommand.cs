using System.Diagnostics;
using System.Globalization;
using System.Threading;
using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// The result of a performance test of the real-time URL (Get Performance Test Results, sandbox); with -Wait, asks
    /// again until the result is final (PASS or FAIL), showing how many requests are still pending.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreRetentionPerformanceTestResult")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreRetentionPerformanceTestResultCommand : AppStoreServerApiCommand, IDisposable
    {
        /// <summary>The type name the format view shows.</summary>
        public const string TypeName = "AppStoreJws.RetentionPerformanceTestResult";

        private const string Pending = "PENDING";
        private readonly ManualResetEventSlim stopping = new ManualResetEventSlim();

        /// <summary>The requestId Start-AppStoreRetentionPerformanceTest returned.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("request_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string RequestId { get; set; } = null!;

        /// <summary>Asks again until the result is PASS or FAIL.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits for a final result, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int WaitTimeoutSec { get; set; } = 900;

        /// <summary>The pause between two requests of -Wait, in milliseconds.</summary>
        [Parameter]
        [ValidateRange(100, 600000)]
        public int PollIntervalMilliseconds { get; set; } = 5000;

        protected override void BeginProcessing()
        {
            PerformanceTestEnvironment.DefaultToSandbox(this);
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            ServerApiRequest request = ServerApiOperations.GetPerformanceTestResult(RequestId);
            ProgressRecord progress = new ProgressRecord(0x5E7A, "Performance test " + RequestId, "asking Apple");
            Stopwatch waited = Stopwatch.StartNew();
            try
            {
                while (true)
                {
                    PSObject result = Result(request);
                    string? state = result.Properties["result"]?.Value as string;
                    if (!Wait || state != Pending)
                    {
                        Complete(progress);
                        WriteObject(result);
                        return;
                    }

                    ShowProgress(progress, result, waited);
                    if (waited.Elapsed.TotalSeconds >= WaitTimeoutSec)
                    {
                        Complete(progress);
                        WriteError(ErrorRecords.From(ErrorIds.PerformanceTestWaitTimeout, ErrorCategory.OperationTimeout,
                            $"Performance test {RequestId}: still PENDING after {WaitTimeoutSec} s (-WaitTimeoutSec); expected PASS or FAIL by then. Get-AppStoreRetentionPerformanceTestResult -RequestId {RequestId} asks again later.",
                            RequestId));
                        return;
                    }

                    if (stopping.Wait(PollIntervalMilliseconds))
                    {
                        throw new PipelineStoppedException();
                    }
                }
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AggregateException)
            {
                Complete(progress);
                WriteApiError(e, RequestId);
            }
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            stopping.Set();
        }

        public void Dispose() => stopping.Dispose();

        private PSObject Result(ServerApiRequest request)
        {
            ServerApiResponse response = Send(request);
            ServerApiAnswer.Object(request, response);
            PSObject answer = (PSObject)FromJson(request, response.Body)!;
            PSObject result = new PSObject();
            result.Properties.Add(new PSNoteProperty("requestId", RequestId));
            foreach (PSPropertyInfo member in answer.Properties)
            {
                result.Properties.Add(new PSNoteProperty(member.Name, member.Value));
            }

            result.TypeNames.Insert(0, TypeName);
            return result;
        }

        private void ShowProgress(ProgressRecord progress, PSObject result, Stopwatch waited)
        {
            long pending = AsLong(result.Properties["numPending"]?.Value);
            long total = AsLong((result.Properties["config"]?.Value as PSObject)?.Properties["totalRequests"]?.Value);
            progress.StatusDescription = string.Format(CultureInfo.InvariantCulture, "PENDING: {0} of {1} requests still pending after {2:0} s", pending, total, waited.Elapsed.TotalSeconds);
            progress.PercentComplete = total > 0 ? (int)Math.Clamp(100 * (total - pending) / total, 0, 100) : -1;
            WriteProgress(progress);
            WriteVerbose(progress.StatusDescription);
        }

        private void Complete(ProgressRecord progress)
        {
            if (progress.StatusDescription != "asking Apple")
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        private static long AsLong(object? value) => value is long number ? number : value is int small ? small : 0;
    }
}
