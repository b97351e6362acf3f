using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Tells Apple that a consumable purchase was delivered (Finish Transaction), as StoreKit's finish() does on the device.</summary>
    [Cmdlet(VerbsLifecycle.Complete, "AppStoreTransaction", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class CompleteAppStoreTransactionCommand : AppStoreServerApiCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("transaction_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string TransactionId { get; set; } = null!;

        protected override void ProcessRecord()
        {
            if (WriteErrorIfRowRefused(TransactionId))
            {
                return;
            }

            ServerApiRequest request = ServerApiOperations.FinishTransaction(TransactionId);
            if (!ShouldProcess(TransactionId, "Finish transaction"))
            {
                return;
            }

            SendForInput(TransactionId, () => Send(request));
        }
    }
}
