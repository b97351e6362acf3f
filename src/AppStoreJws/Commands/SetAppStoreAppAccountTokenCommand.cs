using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Sets (or, with an empty GUID, clears) the appAccountToken of a customer's purchase at Apple.</summary>
    [Cmdlet(VerbsCommon.Set, "AppStoreAppAccountToken", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class SetAppStoreAppAccountTokenCommand : AppStoreServerApiCommand
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("original_transaction_id", "transactionId", "transaction_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string OriginalTransactionId { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("app_account_token")]
        public Guid AppAccountToken { get; set; }

        protected override void ProcessRecord()
        {
            if (WriteErrorIfRowRefused(OriginalTransactionId))
            {
                return;
            }

            ServerApiRequest request = ServerApiOperations.SetAppAccountToken(OriginalTransactionId, AppAccountToken);
            if (!ShouldProcess(OriginalTransactionId, "Set appAccountToken to " + AppAccountToken.ToString("D")))
            {
                return;
            }

            SendForInput(OriginalTransactionId, () => Send(request));
        }
    }
}
