using AppStoreJws.LegacySignature;

namespace AppStoreJws.ServerApi.Retention
{
    /// <summary>
    /// The body an app's server answers Apple's real-time Retention Messaging request with (Apple's
    /// <c>RealtimeResponseBody</c>): exactly one of a message, an alternate product, a promotional offer or Advanced
    /// Commerce data, with the inputs that produced it. <see cref="ToString"/> is the JSON to send with HTTP 200.
    /// </summary>
    public sealed class RetentionResponse
    {
        internal RetentionResponse(string kind, string json)
        {
            Kind = kind;
            Json = json;
        }

        /// <summary>message, alternateProduct, promotionalOffer or advancedCommerceInfo: the member the JSON holds.</summary>
        public string Kind { get; }

        /// <summary>The lowercase UUID of the message shown with it (required for message, optional for the others).</summary>
        public string? MessageIdentifier { get; internal init; }

        /// <summary>The alternate product, or the product the promotional offer is for.</summary>
        public string? ProductId { get; internal init; }

        public string? BillingPlanType { get; internal init; }

        public string? OfferIdentifier { get; internal init; }

        /// <summary>The real-time request's originalTransactionId, signed into a V2 offer as its transactionId.</summary>
        public string? OriginalTransactionId { get; internal init; }

        /// <summary>The promotional offer JWS (V2), when the answer carries one.</summary>
        public string? PromotionalOfferSignatureV2 { get; internal init; }

        /// <summary>The legacy (V1) promotional offer signature, when the answer carries one.</summary>
        public PromotionalOfferSignatureV1? PromotionalOfferSignatureV1 { get; internal init; }

        public string? AdvancedCommerceData { get; internal init; }

        /// <summary>The JSON body, as Apple reads it.</summary>
        public string Json { get; }

        public override string ToString() => Json;
    }
}
