using System.Management.Automation;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;
using AppStoreJws.Binding;

namespace AppStoreJws.Commands
{
    /// <summary>Looks up one transaction (Get Transaction Info) and returns it verified and decoded; never unverified.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreTransaction")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreTransactionCommand : AppStoreServerApiPipelineLookupCommand
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

            ServerApiRequest request = ServerApiOperations.TransactionInfo(TransactionId);
            Lookup(TransactionId, () =>
            {
                (ServerApiResponse response, SignedDataVerifier verifier, _) = Ask(request);
                string signed = ServerApiAnswer.RequiredString(request, ServerApiAnswer.Object(request, response), "signedTransactionInfo");
                LookupOutcome outcome = new LookupOutcome();
                outcome.Objects.Add(Decode(verifier, signed, SignedDataKind.Transaction));
                return outcome;
            });
        }
    }
}
