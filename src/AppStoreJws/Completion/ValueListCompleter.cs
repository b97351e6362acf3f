using System.Collections;
using System.Linq;
using System.Management.Automation.Language;

namespace AppStoreJws.Completion
{
    /// <summary>
    /// Tab completion from a fixed list of values that the core owns (Apple's wire values, ISO codes, operations).
    /// Parameters stay strings, so the core's validation, with its list of allowed values, is the one place that
    /// judges them; completion only offers the list.
    /// </summary>
    public abstract class ValueListCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = TypedWord.Unquoted(wordToComplete);
            return Values()
                .Where(value => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(value => new CompletionResult(value, value, CompletionResultType.ParameterValue, ToolTip(value)));
        }

        private protected abstract IEnumerable<string> Values();

        private protected virtual string ToolTip(string value) => value;
    }
}
