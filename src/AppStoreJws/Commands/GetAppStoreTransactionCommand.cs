using AppStoreJws.Lookups;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>Looks up one transaction (Get Transaction Info) and returns it verified and decoded; never unverified.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreTransaction")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreTransactionCommand : AppStoreServerApiCommand, IDynamicParameters, IDisposable
    {
        private static readonly SignedFieldEndpoint Endpoint =
            new SignedFieldEndpoint(ServerApiOperations.TransactionInfo, "signedTransactionInfo", SignedDataKind.Transaction, askedIdMember: "transactionId");

        private readonly PipelineLookup lookup;

        public GetAppStoreTransactionCommand() => lookup = Hold(new PipelineLookup());

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
