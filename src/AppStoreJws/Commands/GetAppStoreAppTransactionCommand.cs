using AppStoreJws.Lookups;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>Looks up a customer's app transaction (Get App Transaction Info), verified and decoded.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreAppTransaction")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreAppTransactionCommand : AppStoreServerApiCommand, IDynamicParameters, IDisposable
    {
        private static readonly SignedFieldEndpoint Endpoint =
            new SignedFieldEndpoint(ServerApiOperations.AppTransactionInfo, "signedAppTransactionInfo", SignedDataKind.AppTransaction);

        private readonly PipelineLookup lookup;

        public GetAppStoreAppTransactionCommand() => lookup = Hold(new PipelineLookup());

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("transaction_id", "originalTransactionId", "original_transaction_id", "appTransactionId", "app_transaction_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string TransactionId { get; set; } = null!;

        public object GetDynamicParameters() => lookup.Parameters;

        protected override void ProcessRecord() => lookup.LookUp(TransactionId, Endpoint);

        public void Dispose() => lookup.Dispose();
    }
}
