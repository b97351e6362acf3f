namespace AppStoreJws.Verification
{
    /// <summary>What a payload signed by Apple is; told from its fields unless the caller names it.</summary>
    internal enum SignedDataKind
    {
        /// <summary>An App Store Server Notification V2 (<c>signedPayload</c>).</summary>
        Notification,

        /// <summary>A signed transaction (<c>signedTransactionInfo</c>, <c>Transaction.jwsRepresentation</c>).</summary>
        Transaction,

        /// <summary>Subscription renewal info (<c>signedRenewalInfo</c>).</summary>
        RenewalInfo,

        /// <summary>An app transaction (<c>signedAppTransactionInfo</c>, <c>AppTransaction.jwsRepresentation</c>).</summary>
        AppTransaction,

        /// <summary>A Retention Messaging real-time request (<c>signedPayload</c> sent to the app's real-time URL).</summary>
        RealtimeRequest,
    }
}
