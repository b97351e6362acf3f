using System.Text.Json.Serialization;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>Reactivates a subscription from the app (operation <c>REACTIVATE_SUBSCRIPTION</c>).</summary>
    internal sealed class SubscriptionReactivateInAppRequest : AdvancedCommerceRequest
    {
        public SubscriptionReactivateInAppRequest()
            : base(AdvancedCommerceOperations.ReactivateSubscription)
        {
        }

        [JsonPropertyName("transactionId")]
        public string? TransactionId { get; set; }

        [JsonPropertyName("storefront")]
        public string? Storefront { get; set; }

        [JsonPropertyName("items")]
        public ReactivateItem[]? Items { get; set; }

        private protected override void ValidateFields(FieldRules at)
        {
            TransactionId = at.TransactionId("transactionId", TransactionId, Presence.Required);
            Storefront = at.Storefront("storefront", Storefront, Presence.Optional);
            at.Items("items", Items, Presence.Optional, (item, itemAt) => item.Validate(itemAt));
        }
    }
}
