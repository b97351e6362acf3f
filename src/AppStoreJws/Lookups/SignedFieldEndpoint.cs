using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Lookups
{
    /// <summary>
    /// An endpoint looked up by transaction ID whose answer is one signed field (Get Transaction Info, Get App
    /// Transaction Info): its request, the member that holds the signed data, the kind of data it is, and the member
    /// of that data that must name the ID asked for. The field is verified and decoded, never returned unverified.
    /// </summary>
    internal sealed class SignedFieldEndpoint
    {
        private readonly Func<string, ServerApiRequest> request;
        private readonly string signedField;
        private readonly SignedDataKind kind;
        private readonly string? askedIdMember;

        /// <param name="request">The endpoint's request for one transaction ID (from ServerApiOperations).</param>
        /// <param name="signedField">The answer's member that holds the signed data.</param>
        /// <param name="kind">What the signed data is.</param>
        /// <param name="askedIdMember">The member of the signed data that must equal the ID asked for, or null when the answer names another kind of ID.</param>
        public SignedFieldEndpoint(Func<string, ServerApiRequest> request, string signedField, SignedDataKind kind, string? askedIdMember = null)
        {
            this.request = request;
            this.signedField = signedField;
            this.kind = kind;
            this.askedIdMember = askedIdMember;
        }

        /// <summary>Asks for one transaction ID (any thread) and returns its object verified and decoded.</summary>
        public LookupOutcome Read(SignedDataRun run, string transactionId)
        {
            ServerApiRequest asking = request(transactionId);
            (ServerApiResponse response, SignedDataVerifier verifier, _) = run.Ask(asking);
            string signed = ServerApiAnswer.RequiredString(asking, ServerApiAnswer.Object(asking, response), signedField);
            PSObject decoded = SignedDataRun.Decode(verifier, signed, kind);
            RefuseAnswerForAnotherId(asking, transactionId, decoded);
            LookupOutcome outcome = new LookupOutcome();
            outcome.Objects.Add(decoded);
            return outcome;
        }

        /// <summary>
        /// A genuine, correctly signed answer about another transaction is still the wrong answer: a server (or a
        /// proxy) could hand out one customer's purchase for every lookup. ServerApiAnswerMismatch then.
        /// </summary>
        private void RefuseAnswerForAnotherId(ServerApiRequest asking, string asked, PSObject signed)
        {
            if (askedIdMember == null)
            {
                return;
            }

            string? answered = signed.Properties[askedIdMember]?.Value?.ToString();
            if (!string.Equals(answered, asked, StringComparison.Ordinal))
            {
                throw new AppStoreServerApiException(ErrorIds.ServerApiAnswerMismatch, 200, null, null,
                    $"{ServerApiFailures.What(asking)}: asked for transaction {asked}, the answer's signed {askedIdMember} is '{ServerApiFailures.Untrusted(answered, 40)}'; refused, since it is not the purchase asked about.");
            }
        }
    }
}
