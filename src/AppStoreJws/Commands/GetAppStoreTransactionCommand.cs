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

        private readonly PipelineLookup<PipelineLookupParameters> lookup;

        public GetAppStoreTransactionCommand() => lookup = Hold(new PipelineLookup<PipelineLookupParameters>());

        public object GetDynamicParameters() => lookup.Parameters;

        protected override void ProcessRecord() => lookup.LookUp(lookup.Parameters.TransactionId, Endpoint);

        public void Dispose() => lookup.Dispose();
    }
}
