using System;
using System.Collections.Generic;
using AppStoreJws.Errors;

namespace AppStoreJws.ServerApi.Retention
{
    /// <summary>The closed lists of the Retention Messaging API that completion offers and validation judges by.</summary>
    internal static class RetentionValues
    {
        /// <summary>
        /// The locale short codes Apple's Retention Messaging documentation points to (App Store Connect's list of
        /// App Store localizations). Apple compares them case-sensitively, so each is spelled exactly as Apple does.
        /// </summary>
        public static readonly IReadOnlyList<string> Locales = new[]
        {
            "ar-SA", "ca", "cs", "da", "de-DE", "el", "en-AU", "en-CA", "en-GB", "en-US", "es-ES", "es-MX", "fi", "fr-CA",
            "fr-FR", "he", "hi", "hr", "hu", "id", "it", "ja", "ko", "ms", "nl-NL", "no", "pl", "pt-BR", "pt-PT", "ro", "ru",
            "sk", "sv", "th", "tr", "uk", "vi", "zh-Hans", "zh-Hant",
        };

        /// <summary>Apple's BillingPlanType: how an alternate product offered in a retention message is billed.</summary>
        public static readonly IReadOnlyList<string> BillingPlanTypes = new[] { "BILLED_UPFRONT", "MONTHLY" };

        /// <summary>
        /// Refuses a known locale spelled another way (en-us, en_US): Apple compares locales case-sensitively and would
        /// answer INVALID_LOCALE. A locale this list does not know is left for Apple to judge, since Apple adds locales.
        /// </summary>
        public static void RefuseMisspelledLocale(string locale)
        {
            string dashed = locale.Replace('_', '-');
            foreach (string known in Locales)
            {
                if (string.Equals(known, dashed, StringComparison.OrdinalIgnoreCase) && !string.Equals(known, locale, StringComparison.Ordinal))
                {
                    throw new AppStoreJwsException(ErrorIds.LocaleMisspelled, ErrorKind.InvalidArgument,
                        $"The locale {UntrustedText.Quote(locale, 40)} is spelled differently from Apple's {known}; Apple compares locales case-sensitively, so pass {known}.");
                }
            }
        }
    }
}
