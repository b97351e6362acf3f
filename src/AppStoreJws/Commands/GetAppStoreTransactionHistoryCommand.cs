using System.Linq;
using AppStoreJws.Lookups;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Streams a customer's transactions (Get Transaction History v2) over every page, each verified and decoded,
    /// written as its page arrives, with progress; -First stops asking once it has enough.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreTransactionHistory")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreTransactionHistoryCommand : AppStoreServerApiCommand, IDynamicParameters
    {
        private readonly TransactionLookupParameters parameters = new TransactionLookupParameters();
        private readonly SignedDataReading reading;

        public GetAppStoreTransactionHistoryCommand() => reading = Hold(new SignedDataReading(parameters));

        [Parameter]
        public DateTimeOffset? StartDate { get; set; }

        [Parameter]
        public DateTimeOffset? EndDate { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string[]? ProductId { get; set; }

        [Parameter]
        [ValidateSet("AUTO_RENEWABLE", "NON_RENEWABLE", "CONSUMABLE", "NON_CONSUMABLE", IgnoreCase = true)]
        [NoKeyText]
        public string[]? ProductType { get; set; }

        [Parameter]
        [ValidateSet("Ascending", "Descending", IgnoreCase = true)]
        [NoKeyText]
        public string? Sort { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string[]? SubscriptionGroupIdentifier { get; set; }

        [Parameter]
        [ValidateSet("PURCHASED", "FAMILY_SHARED", IgnoreCase = true)]
        [NoKeyText]
        public string? InAppOwnershipType { get; set; }

        /// <summary>$true: only refunded or revoked transactions; $false: only the others; absent: all.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(Completion.BooleanCompleter))]
        public bool? Revoked { get; set; }

        /// <summary>Stops after this many transactions (and asks for no further page).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? First { get; set; }

        protected override void BeginProcessing()
        {
            if (StartDate.HasValue && EndDate.HasValue && StartDate.Value > EndDate.Value)
            {
                ThrowTerminatingError(ErrorRecords.From(ErrorIds.StartDateAfterEndDate, ErrorCategory.InvalidArgument,
                    $"-StartDate {StartDate.Value:o} is after -EndDate {EndDate.Value:o}; expected a start at or before the end.", StartDate));
            }

            base.BeginProcessing();
        }

        public object GetDynamicParameters() => reading.Parameters;

        protected override void ProcessRecord()
        {
            if (WriteErrorIfRowRefused(parameters.TransactionId))
            {
                return;
            }

            TransactionHistoryQuery query = new TransactionHistoryQuery
            {
                StartDate = StartDate,
                EndDate = EndDate,
                ProductIds = ProductId,
                ProductTypes = ProductType?.Select(type => type.ToUpperInvariant()).ToArray(),
                Sort = Sort?.ToUpperInvariant(),
                SubscriptionGroupIdentifiers = SubscriptionGroupIdentifier,
                InAppOwnershipType = InAppOwnershipType?.ToUpperInvariant(),
                Revoked = Revoked,
            };
            string id = parameters.TransactionId;
            int written = 0;
            try
            {
                reading.Run.PageThrough("Transaction history of " + id, revision => ServerApiOperations.TransactionHistory(id, query, revision), "revision", "signedTransactions", (page, request, verifier) =>
                {
                    foreach (string signed in ServerApiAnswer.Strings(request, page.Members, "signedTransactions"))
                    {
                        if (First.HasValue && written >= First.Value)
                        {
                            return false;
                        }

                        reading.Run.WriteDecoded(verifier, signed, SignedDataKind.Transaction, id);
                        written++;
                    }

                    return !(First.HasValue && written >= First.Value);
                });
            }
            catch (AppStoreServerApiException e)
            {
                reading.Run.WriteFailure(e, id);
            }
        }
    }
}
