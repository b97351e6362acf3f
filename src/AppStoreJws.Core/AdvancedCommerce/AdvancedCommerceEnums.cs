using System.Text.Json.Serialization;

// Member names are Apple's wire values, so they are written exactly as Apple spells them.
namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>The billing period of an Advanced Commerce subscription.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter))]
    internal enum Period
    {
        P1W,
        P1M,
        P2M,
        P3M,
        P6M,
        P1Y,
    }

    /// <summary>The length of one period of a subscription offer.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter))]
    internal enum OfferPeriod
    {
        P3D,
        P1W,
        P2W,
        P1M,
        P2M,
        P3M,
        P6M,
        P9M,
        P1Y,
    }

    /// <summary>Why a subscription offer is given.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter))]
    internal enum OfferReason
    {
        ACQUISITION,
        WIN_BACK,
        RETENTION,
    }

    /// <summary>When a subscription change takes effect.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter))]
    internal enum Effective
    {
        IMMEDIATELY,
        NEXT_BILL_CYCLE,
    }

    /// <summary>Why an item of a subscription changes.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter))]
    internal enum ChangeReason
    {
        UPGRADE,
        DOWNGRADE,
        APPLY_OFFER,
    }
}
