using System.Text.Json.Serialization;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>An item named by its SKU alone, as in <c>removeItems</c> and a reactivation's <c>items</c>.</summary>
    internal abstract class AdvancedCommerceItem
    {
        [JsonPropertyName("SKU")]
        [JsonPropertyOrder(-5)]
        public string? Sku { get; set; }

        internal virtual void Validate(FieldRules at)
        {
            Sku = at.Text("SKU", Sku, Presence.Required, FieldRules.MaximumSkuLength);
        }
    }

    /// <summary>An item the customer sees and pays for. <see cref="Price"/> is in milliunits of the currency (4990 for 4.99).</summary>
    internal abstract class PricedItem : AdvancedCommerceItem
    {
        [JsonPropertyName("displayName")]
        [JsonPropertyOrder(-3)]
        public string? DisplayName { get; set; }

        [JsonPropertyName("description")]
        [JsonPropertyOrder(-2)]
        public string? Description { get; set; }

        [JsonPropertyName("price")]
        [JsonPropertyOrder(-1)]
        public long? Price { get; set; }

        internal override void Validate(FieldRules at)
        {
            base.Validate(at);
            DisplayName = at.Text("displayName", DisplayName, Presence.Required, FieldRules.MaximumDisplayNameLength);
            Description = at.Text("description", Description, Presence.Required, FieldRules.MaximumDescriptionLength);
            at.Price("price", Price, Presence.Required);
        }
    }

    /// <summary>The item of a one-time charge.</summary>
    internal sealed class OneTimeChargeItem : PricedItem
    {
    }

    /// <summary>One item of a new subscription.</summary>
    internal sealed class SubscriptionItem : PricedItem
    {
        [JsonPropertyName("offer")]
        public Offer? Offer { get; set; }

        internal override void Validate(FieldRules at)
        {
            base.Validate(at);
            at.Nested("offer", Offer, Presence.Optional, (offer, offerAt) => offer.Validate(offerAt));
        }
    }

    /// <summary>An item added to a subscription; <see cref="ProratedPrice"/> is charged for the rest of the current period.</summary>
    internal sealed class AddItem : PricedItem
    {
        [JsonPropertyName("proratedPrice")]
        public long? ProratedPrice { get; set; }

        [JsonPropertyName("offer")]
        public Offer? Offer { get; set; }

        internal override void Validate(FieldRules at)
        {
            base.Validate(at);
            at.Price("proratedPrice", ProratedPrice, Presence.Optional);
            at.Nested("offer", Offer, Presence.Optional, (offer, offerAt) => offer.Validate(offerAt));
        }
    }

    /// <summary>Replaces the subscription item <see cref="CurrentSku"/> with this one.</summary>
    internal sealed class ChangeItem : PricedItem
    {
        [JsonPropertyName("currentSKU")]
        [JsonPropertyOrder(-4)]
        public string? CurrentSku { get; set; }

        [JsonPropertyName("proratedPrice")]
        public long? ProratedPrice { get; set; }

        [JsonPropertyName("effective")]
        public Effective? Effective { get; set; }

        [JsonPropertyName("reason")]
        public ChangeReason? Reason { get; set; }

        [JsonPropertyName("offer")]
        public Offer? Offer { get; set; }

        internal override void Validate(FieldRules at)
        {
            base.Validate(at);
            CurrentSku = at.Text("currentSKU", CurrentSku, Presence.Required, FieldRules.MaximumSkuLength);
            at.Price("proratedPrice", ProratedPrice, Presence.Optional);
            at.Require("effective", Effective);
            at.Require("reason", Reason);
            at.Nested("offer", Offer, Presence.Optional, (offer, offerAt) => offer.Validate(offerAt));
        }
    }

    /// <summary>An item removed from a subscription.</summary>
    internal sealed class RemoveItem : AdvancedCommerceItem
    {
    }

    /// <summary>An item of a subscription being reactivated.</summary>
    internal sealed class ReactivateItem : AdvancedCommerceItem
    {
    }
}
