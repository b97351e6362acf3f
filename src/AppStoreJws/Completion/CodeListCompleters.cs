using System.Globalization;
using System.Linq;
using AppStoreJws.ServerApi;

namespace AppStoreJws.Completion
{
    /// <summary>Tab completion for a parameter that takes one of Apple's numbered values: the numbers, each with Apple's name as its tooltip.</summary>
    public abstract class CodeListCompleter : ValueListCompleter
    {
        private protected abstract IReadOnlyDictionary<int, string> Codes { get; }

        private protected override IEnumerable<string> Values() => Codes.Keys.OrderBy(code => code).Select(code => code.ToString(CultureInfo.InvariantCulture));

        private protected override string ToolTip(string value) => value + ": " + Codes[int.Parse(value, CultureInfo.InvariantCulture)];
    }

    /// <summary>-Status of Get-AppStoreSubscriptionStatus.</summary>
    public sealed class SubscriptionStatusCompleter : CodeListCompleter
    {
        private protected override IReadOnlyDictionary<int, string> Codes => ServerApiCodes.SubscriptionStatuses;
    }

    /// <summary>-ReasonCode of Update-AppStoreSubscriptionRenewalDate.</summary>
    public sealed class ExtendReasonCodeCompleter : CodeListCompleter
    {
        private protected override IReadOnlyDictionary<int, string> Codes => ServerApiCodes.ExtendReasonCodes;
    }

    /// <summary>A [bool] parameter, which PowerShell does not complete itself (it would offer file names).</summary>
    public sealed class BooleanCompleter : ValueListCompleter
    {
        private static readonly string[] Literals = { "$true", "$false" };

        private protected override IEnumerable<string> Values() => Literals;
    }
}
