using AppStoreJws.Commands;
using AppStoreJws.Pipeline;
using AppStoreJws.Receipts;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// The transaction IDs a lookup asks about for its current input. A receipt from ConvertFrom-AppStoreReceipt binds
    /// its TransactionId by name (PowerShell binds a property named as the parameter before any alias), so the receipt
    /// itself is read here: each of its OriginalTransactionIds, once. Any other input: the bound ID.
    /// </summary>
    internal static class ReceiptTransactionIds
    {
        /// <summary>
        /// The IDs to look up, none for a receipt without any: that receipt's error is written here. (Its TransactionId
        /// is null, so PowerShell bound the receipt's ToString() instead, which must never be sent.)
        /// </summary>
        public static IReadOnlyList<string> For(PSCmdlet cmdlet, string boundTransactionId)
        {
            if (!(CurrentInput.Of(cmdlet)?.BaseObject is AppStoreReceipt receipt))
            {
                return new[] { boundTransactionId };
            }

            if (receipt.OriginalTransactionIds.Length == 0)
            {
                cmdlet.WriteError(ErrorRecords.From(new AppStoreJwsException(ErrorIds.ReceiptHasNoTransactionId, ErrorKind.InvalidData,
                    $"The receipt holds no transaction ID ({receipt}): it has no in-app purchase to look up."), receipt));
            }

            return receipt.OriginalTransactionIds;
        }
    }
}
