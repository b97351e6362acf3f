using System.Text.Json.Serialization;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>Sells one item once (operation <c>CREATE_ONE_TIME_CHARGE</c>).</summary>
    internal sealed class OneTimeChargeCreateRequest : AdvancedCommerceRequest
    {
        public OneTimeChargeCreateRequest()
            : base(AdvancedCommerceOperations.CreateOneTimeCharge)
        {
        }

        [JsonPropertyName("currency")]
        public string? Currency { get; set; }

        [JsonPropertyName("taxCode")]
        public string? TaxCode { get; set; }

        [JsonPropertyName("storefront")]
        public string? Storefront { get; set; }

        [JsonPropertyName("item")]
        public OneTimeChargeItem? Item { get; set; }

        private protected override void ValidateFields(FieldRules at)
        {
            Currency = at.Currency("currency", Currency, Presence.Required);
            TaxCode = at.Text("taxCode", TaxCode, Presence.Required);
            Storefront = at.Storefront("storefront", Storefront, Presence.Optional);
            at.Nested("item", Item, Presence.Required, (item, itemAt) => item.Validate(itemAt));
        }
    }
}
