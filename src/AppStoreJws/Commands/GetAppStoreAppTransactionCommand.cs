using System.Management.Automation;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;
using AppStoreJws.Binding;

namespace AppStoreJws.Commands
{
    /// <summary>Looks up a customer's app transaction (Get App Transaction Info), verified and decoded.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreAppTransaction")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreAppTransactionCommand : AppStoreServerApiPipelineLookupCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("transaction_id", "originalTransactionId", "original_transaction_id", "appTransactionId", "app_transaction_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string TransactionId { get; set; } = null!;

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            ServerApiRequest request = ServerApiOperations.AppTransactionInfo(TransactionId);
            Lookup(TransactionId, () =>
            {
                (ServerApiResponse response, SignedDataVerifier verifier, _) = Ask(request);
                string signed = ServerApiAnswer.RequiredString(request, ServerApiAnswer.Object(request, response), "signedAppTransactionInfo");
                LookupOutcome outcome = new LookupOutcome();
                outcome.Objects.Add(Decode(verifier, signed, SignedDataKind.AppTransaction));
                return outcome;
            });
        }
    }
}
