using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation.Language;
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

    /// <summary>
    /// -ReasonCode of Update-AppStoreSubscriptionRenewalDate, which takes Apple's names too: the numbers (each named in
    /// its tooltip), and the names once a letter is typed.
    /// </summary>
    public sealed class ExtendReasonCodeCompleter : CodeListCompleter, IArgumentCompleter
    {
        private protected override IReadOnlyDictionary<int, string> Codes => ServerApiCodes.ExtendReasonCodes;

        public new IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = TypedWord.Unquoted(wordToComplete);
            if (typed.Length == 0 || char.IsDigit(typed[0]))
            {
                return base.CompleteArgument(commandName, parameterName, wordToComplete, commandAst, fakeBoundParameters);
            }

            return Codes.OrderBy(code => code.Key)
                .Where(code => code.Value.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(code => new CompletionResult(code.Value, code.Value, CompletionResultType.ParameterValue, code.Value + ": " + code.Key.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>A [bool] parameter, which PowerShell does not complete itself (it would offer file names).</summary>
    public sealed class BooleanCompleter : ValueListCompleter
    {
        private static readonly string[] Literals = { "$true", "$false" };

        private protected override IEnumerable<string> Values() => Literals;
    }
}
