using System.Text.Json.Serialization;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>Changes an active subscription from the app (operation <c>MODIFY_SUBSCRIPTION</c>).</summary>
    internal sealed class SubscriptionModifyInAppRequest : AdvancedCommerceRequest
    {
        public SubscriptionModifyInAppRequest()
            : base(AdvancedCommerceOperations.ModifySubscription)
        {
        }

        [JsonPropertyName("transactionId")]
        public string? TransactionId { get; set; }

        /// <summary>Required: whether the subscription keeps its billing date. Nullable so that a missing value is caught.</summary>
        [JsonPropertyName("retainBillingCycle")]
        public bool? RetainBillingCycle { get; set; }

        [JsonPropertyName("currency")]
        public string? Currency { get; set; }

        [JsonPropertyName("taxCode")]
        public string? TaxCode { get; set; }

        [JsonPropertyName("storefront")]
        public string? Storefront { get; set; }

        [JsonPropertyName("descriptors")]
        public ModifyDescriptors? Descriptors { get; set; }

        [JsonPropertyName("periodChange")]
        public PeriodChange? PeriodChange { get; set; }

        [JsonPropertyName("addItems")]
        public AddItem[]? AddItems { get; set; }

        [JsonPropertyName("changeItems")]
        public ChangeItem[]? ChangeItems { get; set; }

        [JsonPropertyName("removeItems")]
        public RemoveItem[]? RemoveItems { get; set; }

        private protected override void ValidateFields(FieldRules at)
        {
            TransactionId = at.TransactionId("transactionId", TransactionId, Presence.Required);
            at.Require("retainBillingCycle", RetainBillingCycle);
            Currency = at.Currency("currency", Currency, Presence.Optional);
            TaxCode = at.Text("taxCode", TaxCode, Presence.Optional);
            Storefront = at.Storefront("storefront", Storefront, Presence.Optional);
            at.Nested("descriptors", Descriptors, Presence.Optional, (descriptors, descriptorsAt) => descriptors.Validate(descriptorsAt));
            at.Nested("periodChange", PeriodChange, Presence.Optional, (change, changeAt) => change.Validate(changeAt));
            at.Items("addItems", AddItems, Presence.Optional, (item, itemAt) => item.Validate(itemAt));
            at.Items("changeItems", ChangeItems, Presence.Optional, (item, itemAt) => item.Validate(itemAt));
            at.Items("removeItems", RemoveItems, Presence.Optional, (item, itemAt) => item.Validate(itemAt));
        }
    }

    /// <summary>New descriptors for a subscription, taking effect at <see cref="Effective"/>.</summary>
    internal sealed class ModifyDescriptors
    {
        [JsonPropertyName("effective")]
        public Effective? Effective { get; set; }

        [JsonPropertyName("displayName")]
        public string? DisplayName { get; set; }

        [JsonPropertyName("description")]
        public string? Description { get; set; }

        internal void Validate(FieldRules at)
        {
            at.Require("effective", Effective);
            DisplayName = at.Text("displayName", DisplayName, Presence.Optional, FieldRules.MaximumDisplayNameLength);
            Description = at.Text("description", Description, Presence.Optional, FieldRules.MaximumDescriptionLength);
        }
    }

    /// <summary>A new billing period for a subscription, taking effect at <see cref="Effective"/>.</summary>
    internal sealed class PeriodChange
    {
        [JsonPropertyName("effective")]
        public Effective? Effective { get; set; }

        [JsonPropertyName("period")]
        public Period? Period { get; set; }

        internal void Validate(FieldRules at)
        {
            at.Require("effective", Effective);
            at.Require("period", Period);
        }
    }
}
