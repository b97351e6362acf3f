using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Asks Apple to test the app's real-time URL (Initiate Performance Test, sandbox): Apple sends it a burst of
    /// real-time requests for a sandbox purchase and measures the answers. Returns the test's configuration and requestId.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "AppStoreRetentionPerformanceTest", SupportsShouldProcess = true)]
    [OutputType(typeof(PSObject))]
    public sealed class StartAppStoreRetentionPerformanceTestCommand : AppStoreServerApiCommand
    {
        /// <summary>The type name the format view shows.</summary>
        public const string TypeName = "AppStoreJws.RetentionPerformanceTest";

        /// <summary>A sandbox purchase's original transaction ID, put in the requests Apple sends.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("original_transaction_id", "transactionId", "transaction_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string OriginalTransactionId { get; set; } = null!;

        protected override void BeginProcessing()
        {
            PerformanceTestEnvironment.DefaultToSandbox(this);
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (WriteErrorIfRowRefused(OriginalTransactionId) || !ShouldProcess(OriginalTransactionId, "Start a performance test of the real-time retention URL"))
            {
                return;
            }

            SendForInput(OriginalTransactionId, () =>
            {
                ServerApiRequest request = ServerApiOperations.InitiatePerformanceTest(OriginalTransactionId);
                if (FromJson(request, Send(request).Body) is PSObject result)
                {
                    result.TypeNames.Insert(0, TypeName);
                    WriteObject(result);
                }
            });
        }
    }

    /// <summary>The performance test is a sandbox service: its cmdlets ask the sandbox unless -Environment says otherwise.</summary>
    internal static class PerformanceTestEnvironment
    {
        public static void DefaultToSandbox(AppStoreServerApiCommand command)
        {
            if (!command.MyInvocation.BoundParameters.ContainsKey(nameof(command.Environment)))
            {
                command.Environment = "Sandbox";
            }

            command.WriteVerbose("The performance test runs in the " + command.Environment + " environment" +
                (command.BaseUri != null ? ", at " + command.BaseUri + "." : "."));
        }
    }
}
