using AppStoreJws.Signing;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>Signs a promotional offer JWS for Product.PurchaseOption.promotionalOffer(_:compactJWS:).</summary>
    [Cmdlet(VerbsCommon.New, "PromotionalOfferJws")]
    [OutputType(typeof(PromotionalOfferJws))]
    public sealed class NewPromotionalOfferJwsCommand : StoreKitJwsCommand
    {
        private static readonly string[] Required = { nameof(ProductId), nameof(OfferIdentifier) };

        /// <summary>Required (a missing column is named in that row's error).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("product_id", "Product ID")]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? ProductId { get; set; }

        /// <summary>Required (a missing column is named in that row's error).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("OfferId", "offer_id", "offer_identifier", "Offer ID", "Offer Identifier")]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? OfferIdentifier { get; set; }

        /// <summary>Optional; when absent or blank (an empty CSV cell) the claim is left out, not sent as "".</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("AppTransactionId", "OriginalTransactionId", "transaction_id", "app_transaction_id", "original_transaction_id", "Transaction ID", "App Transaction ID", "Original Transaction ID")]
        [AllowNull]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? TransactionId { get; set; }

        private protected override IReadOnlyList<string> RequiredParameters => Required;

        private protected override string DescribeRow() =>
            "productId " + Quote(ProductId) + ", offerIdentifier " + Quote(OfferIdentifier) + (string.IsNullOrEmpty(TransactionId) ? string.Empty : ", transactionId " + Quote(TransactionId));

        private protected override Func<object>? CaptureToken(AppStoreKey key, TokenIssuance issuance)
        {
            string productId = ProductId ?? string.Empty, offerIdentifier = OfferIdentifier ?? string.Empty;
            string? transactionId = TransactionId;
            return () => StoreKitJwsFactory.CreatePromotionalOffer(key, issuance, productId, offerIdentifier, transactionId);
        }
    }
}
