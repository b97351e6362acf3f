using System.Text.Json.Serialization;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>Starts a subscription (operation <c>CREATE_SUBSCRIPTION</c>).</summary>
    internal sealed class SubscriptionCreateRequest : AdvancedCommerceRequest
    {
        public SubscriptionCreateRequest()
            : base(AdvancedCommerceOperations.CreateSubscription)
        {
        }

        [JsonPropertyName("currency")]
        public string? Currency { get; set; }

        [JsonPropertyName("taxCode")]
        public string? TaxCode { get; set; }

        [JsonPropertyName("storefront")]
        public string? Storefront { get; set; }

        [JsonPropertyName("previousTransactionId")]
        public string? PreviousTransactionId { get; set; }

        [JsonPropertyName("descriptors")]
        public Descriptors? Descriptors { get; set; }

        [JsonPropertyName("period")]
        public Period? Period { get; set; }

        [JsonPropertyName("items")]
        public SubscriptionItem[]? Items { get; set; }

        private protected override void ValidateFields(FieldRules at)
        {
            Currency = at.Currency("currency", Currency, Presence.Required);
            TaxCode = at.Text("taxCode", TaxCode, Presence.Required);
            Storefront = at.Storefront("storefront", Storefront, Presence.Optional);
            PreviousTransactionId = at.TransactionId("previousTransactionId", PreviousTransactionId, Presence.Optional);
            at.Nested("descriptors", Descriptors, Presence.Required, (descriptors, descriptorsAt) => descriptors.Validate(descriptorsAt));
            at.Require("period", Period);
            at.Items("items", Items, Presence.Required, (item, itemAt) => item.Validate(itemAt));
        }
    }

    /// <summary>The subscription's name and description as the customer sees them.</summary>
    internal sealed class Descriptors
    {
        [JsonPropertyName("displayName")]
        public string? DisplayName { get; set; }

        [JsonPropertyName("description")]
        public string? Description { get; set; }

        internal void Validate(FieldRules at)
        {
            DisplayName = at.Text("displayName", DisplayName, Presence.Required, FieldRules.MaximumDisplayNameLength);
            Description = at.Text("description", Description, Presence.Required, FieldRules.MaximumDescriptionLength);
        }
    }
}
