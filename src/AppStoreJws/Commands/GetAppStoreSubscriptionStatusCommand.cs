using System.Collections;
using AppStoreJws.Lookups;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// The statuses of a customer's auto-renewable subscriptions (Get All Subscription Statuses): one object per
    /// subscription, with its group, status, and the verified, decoded last transaction and renewal info.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreSubscriptionStatus")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreSubscriptionStatusCommand : AppStoreServerApiCommand, IDynamicParameters, IDisposable
    {
        private readonly PipelineLookup<PipelineLookupParameters> lookup;

        public GetAppStoreSubscriptionStatusCommand() => lookup = Hold(new PipelineLookup<PipelineLookupParameters>());

        /// <summary>The type name of the output objects, for the format view.</summary>
        public const string TypeName = "AppStoreJws.ServerApi.SubscriptionStatus";

        /// <summary>Only subscriptions in these statuses: 1 active, 2 expired, 3 billing retry, 4 billing grace period, 5 revoked.</summary>
        [Parameter]
        [ValidateRange(1, 5)]
        [ArgumentCompleter(typeof(Completion.SubscriptionStatusCompleter))]
        public int[]? Status { get; set; }

        public object GetDynamicParameters() => lookup.Parameters;

        public void Dispose() => lookup.Dispose();

        protected override void ProcessRecord()
        {
            foreach (string transactionId in ReceiptTransactionIds.For(this, lookup.Parameters.TransactionId))
            {
                if (!WriteErrorIfRowRefused(transactionId))
                {
                    LookUp(transactionId);
                }
            }
        }

        private void LookUp(string transactionId)
        {
            ServerApiRequest request = ServerApiOperations.SubscriptionStatuses(transactionId, Status);
            SignedDataRun run = lookup.Run;
            lookup.Add(transactionId, () =>
            {
                (ServerApiResponse response, SignedDataVerifier verifier, _) = run.Ask(request);
                IDictionary members = ServerApiAnswer.Object(request, response);
                LookupOutcome outcome = new LookupOutcome();
                foreach (IDictionary group in ServerApiAnswer.Objects(request, members, "data"))
                {
                    foreach (IDictionary last in ServerApiAnswer.Objects(request, group, "lastTransactions"))
                    {
                        try
                        {
                            outcome.Objects.Add(StatusObject(request, verifier, members, group, last));
                        }
                        catch (Exception e) when (e is SignedFieldException || e is AppStoreServerApiException)
                        {
                            outcome.Failures.Add(e);
                        }
                    }
                }

                return outcome;
            });
        }

        /// <summary>
        /// One subscription: what is signed comes from the signed transaction (group, original transaction ID,
        /// environment, bundle ID). Apple's status is not signed: it is kept, named in UnsignedFields, and checked
        /// against the signed data, so a wrapper that says Active beside an expired or revoked transaction is an
        /// error (UnsignedFieldContradicted) rather than a fact.
        /// </summary>
        private static PSObject StatusObject(ServerApiRequest request, SignedDataVerifier verifier, IDictionary answer, IDictionary group, IDictionary last)
        {
            PSObject transaction = SignedDataRun.Decode(verifier, ServerApiAnswer.RequiredString(request, last, "signedTransactionInfo"), SignedDataKind.Transaction);
            PSObject? renewal = last["signedRenewalInfo"] is string signedRenewal ? SignedDataRun.Decode(verifier, signedRenewal, SignedDataKind.RenewalInfo) : null;
            long status = last["status"] is long value ? value : 0;
            SubscriptionStatusCheck.RequireConsistent(request, status, transaction, renewal, answer, group, last);

            PSObject result = new PSObject();
            result.Properties.Add(new PSNoteProperty("subscriptionGroupIdentifier", SubscriptionStatusCheck.Signed(transaction, "subscriptionGroupIdentifier")));
            result.Properties.Add(new PSNoteProperty("originalTransactionId", SubscriptionStatusCheck.Signed(transaction, "originalTransactionId")));
            result.Properties.Add(new PSNoteProperty("status", status));
            result.Properties.Add(new PSNoteProperty("statusName", status <= int.MaxValue && ServerApi.ServerApiCodes.SubscriptionStatuses.TryGetValue((int)status, out string? name) ? name : null));
            result.Properties.Add(new PSNoteProperty("Transaction", transaction));
            result.Properties.Add(new PSNoteProperty("RenewalInfo", renewal));
            result.Properties.Add(new PSNoteProperty("environment", SubscriptionStatusCheck.Signed(transaction, "environment")));
            result.Properties.Add(new PSNoteProperty("bundleId", SubscriptionStatusCheck.Signed(transaction, "bundleId")));
            result.Properties.Add(new PSNoteProperty("appAppleId", answer["appAppleId"]));
            result.Properties.Add(new PSNoteProperty("UnsignedFields", new[] { "status", "statusName", "appAppleId" }));
            result.TypeNames.Insert(0, TypeName);
            return result;
        }
    }
}
