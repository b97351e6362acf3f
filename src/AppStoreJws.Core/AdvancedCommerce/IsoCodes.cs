using System;
using System.Collections.Generic;

namespace AppStoreJws.AdvancedCommerce
{
    /// <summary>
    /// The ISO code lists Apple's request fields use: ISO 4217 currency codes (currency) and ISO 3166-1 alpha-3
    /// country codes (storefront, such as USA). A code outside them is a typo or a two-letter code in the wrong
    /// field, which Apple refuses only when the customer tries to buy. Also the source of tab completion.
    /// </summary>
    internal static class IsoCodes
    {
        /// <summary>ISO 4217 alphabetic currency codes, including the fund and precious-metal codes (not XTS and XXX, which name no currency).</summary>
        public static readonly IReadOnlyCollection<string> Currencies = Split(
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP " +
            "BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB " +
            "EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD " +
            "JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU " +
            "MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD " +
            "RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY " +
            "TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG " +
            "XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG ZWL");

        /// <summary>ISO 3166-1 alpha-3 country codes.</summary>
        public static readonly IReadOnlyCollection<string> Storefronts = Split(
            "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR " +
            "BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG " +
            "COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH " +
            "FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY " +
            "HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM " +
            "KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL " +
            "MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR " +
            "NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU " +
            "SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA " +
            "TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB " +
            "VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE");

        private static readonly HashSet<string> CurrencySet = new HashSet<string>(Currencies, StringComparer.Ordinal);
        private static readonly HashSet<string> StorefrontSet = new HashSet<string>(Storefronts, StringComparer.Ordinal);

        public static bool IsCurrency(string code) => CurrencySet.Contains(code);

        public static bool IsStorefront(string code) => StorefrontSet.Contains(code);

        private static string[] Split(string codes) => codes.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
