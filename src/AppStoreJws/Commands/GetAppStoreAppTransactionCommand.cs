using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>Looks up a customer's app transaction (Get App Transaction Info), verified and decoded.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreAppTransaction")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreAppTransactionCommand : AppStoreServerApiSignedInfoCommand
    {
        private protected override string SignedField => "signedAppTransactionInfo";

        private protected override ServerApiRequest Request(string transactionId) => ServerApiOperations.AppTransactionInfo(transactionId);

        private protected override object DecodeSigned(SignedDataVerifier verifier, string signed) => Decode(verifier, signed, SignedDataKind.AppTransaction);
    }
}
