using AppStoreJws.Lookups;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>Streams a customer's refunded and revoked purchases (Get Refund History v2) over every page, each verified and decoded.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreRefundHistory")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreRefundHistoryCommand : AppStoreServerApiCommand, IDynamicParameters
    {
        private readonly TransactionLookupParameters parameters = new TransactionLookupParameters();
        private readonly SignedDataReading reading;

        public GetAppStoreRefundHistoryCommand() => reading = Hold(new SignedDataReading(parameters));

        public object GetDynamicParameters() => reading.Parameters;

        protected override void ProcessRecord()
        {
            if (WriteErrorIfRowRefused(parameters.TransactionId))
            {
                return;
            }

            string id = parameters.TransactionId;
            try
            {
                reading.Run.PageThrough("Refund history of " + id, revision => ServerApiOperations.RefundHistory(id, revision), "revision", "signedTransactions", (page, request, verifier) =>
                {
                    foreach (string signed in ServerApiAnswer.Strings(request, page.Members, "signedTransactions"))
                    {
                        reading.Run.WriteDecoded(verifier, signed, SignedDataKind.Transaction, id);
                    }

                    return true;
                });
            }
            catch (AppStoreServerApiException e)
            {
                reading.Run.WriteFailure(e, id);
            }
        }
    }
}
