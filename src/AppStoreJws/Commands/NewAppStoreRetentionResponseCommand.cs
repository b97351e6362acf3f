using System.Collections;
using AppStoreJws.ServerApi.Retention;
using AppStoreJws.Signing;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Builds the JSON an app's server answers Apple's real-time Retention Messaging request with: a message, an
    /// alternate product, a promotional offer (V2 JWS or legacy V1 signature) or Advanced Commerce data. Takes the
    /// decoded request from ConvertFrom-AppStoreSignedData by pipeline; ToString() of the result is the body.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AppStoreRetentionResponse", DefaultParameterSetName = MessageSet)]
    [OutputType(typeof(RetentionResponse))]
    public sealed class NewAppStoreRetentionResponseCommand : PSCmdlet
    {
        private const string MessageSet = "Message";
        private const string AlternateProductSet = "AlternateProduct";
        private const string OfferSet = "PromotionalOffer";
        private const string AdvancedCommerceSet = "AdvancedCommerce";

        /// <summary>The decoded real-time request (ConvertFrom-AppStoreSignedData): its originalTransactionId and productId.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? Request { get; set; }

        /// <summary>The message to show; required for a plain message, optional beside the other answers.</summary>
        [Parameter(Mandatory = true, ParameterSetName = MessageSet)]
        [Parameter(ParameterSetName = AlternateProductSet)]
        [Parameter(ParameterSetName = OfferSet)]
        [Parameter(ParameterSetName = AdvancedCommerceSet)]
        public Guid? MessageIdentifier { get; set; }

        /// <summary>The alternate product; for an offer, the product it is for (else the request's productId).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AlternateProductSet)]
        [Parameter(ParameterSetName = OfferSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? ProductId { get; set; }

        [Parameter(ParameterSetName = AlternateProductSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.BillingPlanTypeCompleter))]
        [NoKeyText]
        public string? BillingPlanType { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = OfferSet)]
        [Alias("OfferId")]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? OfferIdentifier { get; set; }

        /// <summary>The In-App Purchase key that signs the offer.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OfferSet)]
        [ValidateNotNull]
        [AppStoreKeyTransformation]
        public AppStoreKey? Key { get; set; }

        /// <summary>The app's bundle ID (the offer's bid); defaults to the key's.</summary>
        [Parameter(ParameterSetName = OfferSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? BundleId { get; set; }

        /// <summary>The customer's original transaction ID, when no request is piped (or to override the request's).</summary>
        [Parameter(ParameterSetName = OfferSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? OriginalTransactionId { get; set; }

        /// <summary>Signs the offer with the legacy (V1) signature instead of a V2 JWS.</summary>
        [Parameter(ParameterSetName = OfferSet)]
        public SwitchParameter LegacySignature { get; set; }

        /// <summary>The app account token signed into a V1 signature (lowercased), if any.</summary>
        [Parameter(ParameterSetName = OfferSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? AppAccountToken { get; set; }

        /// <summary>Apple's base64 text of the Advanced Commerce JSON object, passed on as given.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AdvancedCommerceSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? AdvancedCommerceData { get; set; }

        protected override void BeginProcessing()
        {
            // The command line's values are checked once, before any request: a problem with them stops the run.
            try
            {
                if (ProductId != null)
                {
                    AppStoreIdentifiers.RequireIdentifier("productId", ProductId);
                }

                if (OfferIdentifier != null)
                {
                    AppStoreIdentifiers.RequireIdentifier("offerIdentifier", OfferIdentifier);
                }

                if (BundleId != null)
                {
                    AppStoreIdentifiers.ValidateBundleId(BundleId);
                }

                if (OriginalTransactionId != null)
                {
                    AppStoreIdentifiers.ValidateTransactionId("originalTransactionId", OriginalTransactionId);
                }

                if (AppAccountToken != null && !LegacySignature)
                {
                    throw new AppStoreJwsException(ErrorIds.AppAccountTokenWithoutLegacySignature, ErrorKind.InvalidArgument,
                        "-AppAccountToken is signed only by the legacy (V1) signature; a V2 offer JWS carries none. Add -LegacySignature, or leave -AppAccountToken out.");
                }

                if (Key != null)
                {
                    // A key that cannot sign an offer (no issuer ID, no bundle ID) is the run's problem, not each request's.
                    TokenIssuance.ResolveIssuerId(Key);
                    new TokenIssuance { BundleId = BundleId }.ResolveBundleId(Key);
                }

                BillingPlanType = BillingPlanType == null ? null : RetentionResponseFactory.ValidateBillingPlanType(BillingPlanType);
                if (AdvancedCommerceData != null)
                {
                    RetentionResponseFactory.AdvancedCommerce(null, AdvancedCommerceData);
                }
            }
            catch (AppStoreJwsException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, null));
            }
        }

        protected override void ProcessRecord()
        {
            try
            {
                WriteObject(Build());
            }
            catch (AppStoreJwsException e)
            {
                // What the request supplied (its originalTransactionId, its productId) is that request's problem.
                WriteError(ErrorRecords.From(e, Request));
            }
        }

        private RetentionResponse Build()
        {
            switch (ParameterSetName)
            {
                case AlternateProductSet:
                    return RetentionResponseFactory.AlternateProduct(MessageIdentifier, ProductId!, BillingPlanType);
                case AdvancedCommerceSet:
                    return RetentionResponseFactory.AdvancedCommerce(MessageIdentifier, AdvancedCommerceData!);
                case OfferSet:
                    return Offer();
                default:
                    return RetentionResponseFactory.Message(MessageIdentifier!.Value);
            }
        }

        private RetentionResponse Offer()
        {
            string? originalTransactionId = OriginalTransactionId ?? RequestField("originalTransactionId");
            string productId = ProductId ?? RequestField("productId") ?? throw new AppStoreJwsException(ErrorIds.ProductIdMissing, ErrorKind.InvalidArgument,
                "The offer's product is not known: pass -ProductId, or pipe the real-time request, whose productId is the subscription the customer is about to cancel.");
            TokenIssuance issuance = new TokenIssuance { BundleId = BundleId };
            if (!LegacySignature)
            {
                return RetentionResponseFactory.PromotionalOfferV2(MessageIdentifier, Key!, issuance, productId, OfferIdentifier!, originalTransactionId);
            }

            List<string> warnings = new List<string>();
            RetentionResponse response = RetentionResponseFactory.PromotionalOfferV1(MessageIdentifier, Key!, issuance, productId, OfferIdentifier!, AppAccountToken, originalTransactionId, warnings);
            foreach (string warning in warnings)
            {
                WriteWarning(warning);
            }

            return response;
        }

        /// <summary>A string member of the piped request: a property of the decoded object, or a key of a hashtable.</summary>
        private string? RequestField(string name)
        {
            object? value = Request?.BaseObject is IDictionary dictionary ? dictionary[name] : Request?.Properties[name]?.Value;
            return value == null ? null : LanguagePrimitives.ConvertTo<string>(value is PSObject wrapped ? wrapped.BaseObject : value);
        }
    }
}
