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

        private readonly PipelineLookup<PipelineLookupParameters> lookup;

        public GetAppStoreAppTransactionCommand() => lookup = Hold(new PipelineLookup<PipelineLookupParameters>());

        public object GetDynamicParameters() => lookup.Parameters;

        protected override void ProcessRecord() => lookup.LookUp(lookup.Parameters.TransactionId, Endpoint);

        public void Dispose() => lookup.Dispose();
    }
}
