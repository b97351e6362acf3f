using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// A lookup by transaction ID whose answer is one signed field (Get Transaction Info, Get App Transaction Info):
    /// the field is verified and decoded, never returned unverified.
    /// </summary>
    public abstract class AppStoreServerApiSignedInfoCommand : AppStoreServerApiPipelineLookupCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("transaction_id", "originalTransactionId", "original_transaction_id", "appTransactionId", "app_transaction_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string TransactionId { get; set; } = null!;

        protected override void ProcessRecord()
        {
            if (WriteErrorIfRowRefused(TransactionId))
            {
                return;
            }

            ServerApiRequest request = Request(TransactionId);
            string asked = TransactionId;
            Lookup(TransactionId, () =>
            {
                (ServerApiResponse response, SignedDataVerifier verifier, _) = Ask(request);
                string signed = ServerApiAnswer.RequiredString(request, ServerApiAnswer.Object(request, response), SignedField);
                LookupOutcome outcome = new LookupOutcome();
                object decoded = DecodeSigned(verifier, signed);
                RefuseAnswerForAnotherId(request, asked, decoded);
                outcome.Objects.Add(decoded);
                return outcome;
            });
        }

        /// <summary>The member of the signed data that must equal the ID asked for, or null when the answer names another kind of ID.</summary>
        private protected virtual string? AskedIdMember => null;

        /// <summary>
        /// A genuine, correctly signed answer about another transaction is still the wrong answer: a server (or a
        /// proxy) could hand out one customer's purchase for every lookup. ServerApiAnswerMismatch then.
        /// </summary>
        private void RefuseAnswerForAnotherId(ServerApiRequest request, string asked, object decoded)
        {
            if (AskedIdMember == null || !(decoded is PSObject signed))
            {
                return;
            }

            string? answered = signed.Properties[AskedIdMember]?.Value?.ToString();
            if (!string.Equals(answered, asked, StringComparison.Ordinal))
            {
                throw new AppStoreServerApiException(ErrorIds.ServerApiAnswerMismatch, 200, null, null,
                    $"{ServerApiFailures.What(request)}: asked for transaction {asked}, the answer's signed {AskedIdMember} is '{ServerApiFailures.Untrusted(answered, 40)}'; refused, since it is not the purchase asked about.");
            }
        }

        /// <summary>The endpoint's request for one transaction ID.</summary>
        private protected abstract ServerApiRequest Request(string transactionId);

        /// <summary>The answer's member that holds the signed data.</summary>
        private protected abstract string SignedField { get; }

        /// <summary>Verifies and decodes the signed field as the kind of data it holds.</summary>
        private protected abstract object DecodeSigned(SignedDataVerifier verifier, string signed);
    }
}
