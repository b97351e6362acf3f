using AppStoreJws.AdvancedCommerce;

namespace AppStoreJws.Completion
{
    /// <summary>ISO 4217 currency codes, for -Currency: the list the request rules check against.</summary>
    public sealed class CurrencyCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => IsoCodes.Currencies;
    }

    /// <summary>ISO 3166-1 alpha-3 country codes, for -Storefront: the list the request rules check against.</summary>
    public sealed class StorefrontCompleter : ValueListCompleter
    {
        private protected override IEnumerable<string> Values() => IsoCodes.Storefronts;
    }
}
