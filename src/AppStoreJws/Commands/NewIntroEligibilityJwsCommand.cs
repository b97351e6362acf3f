using AppStoreJws.Signing;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>Signs an introductory offer eligibility JWS for Product.PurchaseOption.introductoryOfferEligibility(compactJWS:).</summary>
    [Cmdlet(VerbsCommon.New, "IntroEligibilityJws")]
    [OutputType(typeof(IntroEligibilityJws))]
    public sealed class NewIntroEligibilityJwsCommand : StoreKitJwsCommand
    {
        private static readonly string[] Required = { nameof(ProductId), nameof(AllowIntroductoryOffer), nameof(TransactionId) };

        /// <summary>Required (a missing column is named in that row's error).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("product_id", "Product ID")]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? ProductId { get; set; }

        /// <summary>
        /// Required. Emitted as a JSON boolean; takes $true/$false, or true/false, 1/0, yes/no or y/n text as found in
        /// CSV files. Declared as object so that a cell that is none of these is refused as that row's error, not by
        /// PowerShell's binding (which would leave the row uncounted).
        /// </summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("allow_introductory_offer", "Allow Introductory Offer")]
        [BooleanLikeTransformation(InRow = true)]
        [NoKeyText(InRow = true)]
        [ArgumentCompleter(typeof(Completion.BooleanCompleter))]
        public object? AllowIntroductoryOffer { get; set; }

        /// <summary>Required: the customer's transaction ID, original transaction ID or app transaction ID (digits only).</summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("AppTransactionId", "OriginalTransactionId", "transaction_id", "app_transaction_id", "original_transaction_id", "Transaction ID", "App Transaction ID", "Original Transaction ID")]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? TransactionId { get; set; }

        private protected override IReadOnlyList<string> RequiredParameters => Required;

        private protected override string DescribeRow() => "productId " + Quote(ProductId) + ", transactionId " + Quote(TransactionId);

        private protected override Func<object>? CaptureToken(AppStoreKey key, TokenIssuance issuance)
        {
            string productId = ProductId ?? string.Empty, transactionId = TransactionId ?? string.Empty;
            bool allow = BooleanLikeTransformationAttribute.Flag(AllowIntroductoryOffer, nameof(AllowIntroductoryOffer)) ??
                throw new AppStoreJwsException(ErrorIds.AllowIntroductoryOfferMissing, ErrorKind.InvalidArgument,
                    "The allowIntroductoryOffer flag is required and was empty: expected true or false (also accepted: 1 or 0, yes or no, y or n).");
            return () => StoreKitJwsFactory.CreateIntroEligibility(key, issuance, productId, allow, transactionId);
        }
    }
}
