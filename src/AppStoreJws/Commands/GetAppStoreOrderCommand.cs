using System.Collections;
using AppStoreJws.Lookups;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>Looks up the in-app purchases of an order ID from a customer's receipt email (Look Up Order ID), each verified and decoded.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreOrder")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreOrderCommand : AppStoreServerApiCommand, IDynamicParameters, IDisposable
    {
        private readonly PipelineLookup<OrderLookupParameters> lookup;

        public GetAppStoreOrderCommand() => lookup = Hold(new PipelineLookup<OrderLookupParameters>());

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("order_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string OrderId { get; set; } = null!;

        public object GetDynamicParameters() => lookup.Parameters;

        public void Dispose() => lookup.Dispose();

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            ServerApiRequest request;
            try
            {
                // An order ID of . or .. would be a dot segment: refused for this row (UnsafeServerApiPath).
                request = ServerApiOperations.OrderLookup(OrderId);
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, OrderId));
                return;
            }

            string orderId = OrderId;
            SignedDataRun run = lookup.Run;
            lookup.Add(OrderId, () =>
            {
                (ServerApiResponse response, SignedDataVerifier verifier, _) = run.Ask(request);
                IDictionary members = ServerApiAnswer.Object(request, response);
                LookupOutcome outcome = new LookupOutcome();
                if (!(members["status"] is long status) || status != 0)
                {
                    // Apple's OrderLookupStatus: 0 valid, 1 invalid (not an order of this app, or no such order).
                    outcome.Failures.Add(new AppStoreServerApiException(ErrorIds.InvalidOrderId, response.StatusCode, null, null,
                        $"GET {request.Path}: Apple answered status {members["status"] ?? "(none)"} for order ID '{orderId}'; expected 0 (valid). 1 means the order ID is not one of this app's orders."));
                    return outcome;
                }

                foreach (string signed in ServerApiAnswer.Strings(request, members, "signedTransactions"))
                {
                    try
                    {
                        outcome.Objects.Add(SignedDataRun.Decode(verifier, signed, SignedDataKind.Transaction));
                    }
                    catch (Exception e) when (e is SignedFieldException)
                    {
                        outcome.Failures.Add(e);
                    }
                }

                return outcome;
            });
        }
    }
}
