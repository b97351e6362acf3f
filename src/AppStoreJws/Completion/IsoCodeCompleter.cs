using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AppStoreJws.AdvancedCommerce;

namespace AppStoreJws.Completion
{
    /// <summary>Tab completion from the core's ISO lists, the same lists the request rules check against.</summary>
    public abstract class IsoCodeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = wordToComplete.Trim('\'', '"');
            return Codes()
                .Where(code => code.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(code => new CompletionResult(code, code, CompletionResultType.ParameterValue, code));
        }

        private protected abstract IEnumerable<string> Codes();
    }

    /// <summary>ISO 4217 currency codes, for -Currency.</summary>
    public sealed class CurrencyCompleter : IsoCodeCompleter
    {
        private protected override IEnumerable<string> Codes() => IsoCodes.Currencies;
    }

    /// <summary>ISO 3166-1 alpha-3 country codes, for -Storefront.</summary>
    public sealed class StorefrontCompleter : IsoCodeCompleter
    {
        private protected override IEnumerable<string> Codes() => IsoCodes.Storefronts;
    }
}
