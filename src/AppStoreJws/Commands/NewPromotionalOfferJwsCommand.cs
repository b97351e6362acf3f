using System;
using System.Management.Automation;
using AppStoreJws.Keys;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>Signs a promotional offer JWS for Product.PurchaseOption.promotionalOffer(_:compactJWS:).</summary>
    [Cmdlet(VerbsCommon.New, "PromotionalOfferJws")]
    [OutputType(typeof(PromotionalOfferJws))]
    public sealed class NewPromotionalOfferJwsCommand : StoreKitJwsCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string ProductId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string OfferIdentifier { get; set; } = string.Empty;

        /// <summary>Optional; when absent or blank (an empty CSV cell) the claim is left out, not sent as "".</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? TransactionId { get; set; }

        private protected override object RowTarget => ProductId;

        private protected override Func<StoreKitJws> CaptureRow(AppStoreKey key, TokenIssuance issuance)
        {
            string productId = ProductId, offerIdentifier = OfferIdentifier;
            string? transactionId = TransactionId;
            return () => StoreKitJwsFactory.CreatePromotionalOffer(key, issuance, productId, offerIdentifier, transactionId);
        }
    }
}
