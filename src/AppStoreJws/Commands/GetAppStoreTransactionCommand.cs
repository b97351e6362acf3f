using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>Looks up one transaction (Get Transaction Info) and returns it verified and decoded; never unverified.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreTransaction")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreTransactionCommand : AppStoreServerApiSignedInfoCommand
    {
        private protected override string SignedField => "signedTransactionInfo";

        private protected override string? AskedIdMember => "transactionId";

        private protected override ServerApiRequest Request(string transactionId) => ServerApiOperations.TransactionInfo(transactionId);

        private protected override object DecodeSigned(SignedDataVerifier verifier, string signed) => Decode(verifier, signed, SignedDataKind.Transaction);
    }
}
