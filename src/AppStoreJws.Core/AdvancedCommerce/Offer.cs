using System.Text.Json.Serialization;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>A discounted price for <see cref="PeriodCount"/> periods of <see cref="Period"/>; the price is in milliunits.</summary>
    internal sealed class Offer
    {
        [JsonPropertyName("period")]
        public OfferPeriod? Period { get; set; }

        [JsonPropertyName("periodCount")]
        public int? PeriodCount { get; set; }

        [JsonPropertyName("price")]
        public long? Price { get; set; }

        [JsonPropertyName("reason")]
        public OfferReason? Reason { get; set; }

        internal void Validate(FieldRules at)
        {
            at.Require("period", Period);
            at.PeriodCount("periodCount", PeriodCount);
            at.Price("price", Price, Presence.Required);
            at.Require("reason", Reason);
        }
    }
}
