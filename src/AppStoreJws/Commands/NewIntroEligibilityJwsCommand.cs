using System;
using System.Management.Automation;
using AppStoreJws.Binding;
using AppStoreJws.Keys;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>Signs an introductory offer eligibility JWS for Product.PurchaseOption.introductoryOfferEligibility(compactJWS:).</summary>
    [Cmdlet(VerbsCommon.New, "IntroEligibilityJws")]
    [OutputType(typeof(IntroEligibilityJws))]
    public sealed class NewIntroEligibilityJwsCommand : StoreKitJwsCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string ProductId { get; set; } = string.Empty;

        /// <summary>Emitted as a JSON boolean; binds from true/false, 1/0 or yes/no text as found in CSV files.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [BooleanLikeTransformation]
        public bool AllowIntroductoryOffer { get; set; }

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string TransactionId { get; set; } = string.Empty;

        private protected override object RowTarget => ProductId;

        private protected override Func<StoreKitJws> CaptureRow(AppStoreKey key, TokenIssuance issuance)
        {
            string productId = ProductId, transactionId = TransactionId;
            bool allow = AllowIntroductoryOffer;
            return () => StoreKitJwsFactory.CreateIntroEligibility(key, issuance, productId, allow, transactionId);
        }
    }
}
