using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AppStoreJws.Completion
{
    /// <summary>
    /// Tab completion from one of the core's enumerations (Apple's wire values). Parameters stay strings, so
    /// the request reader's validation, with its list of allowed values, is the one place that judges them.
    /// </summary>
    public sealed class EnumerationCompleter<TEnum> : IArgumentCompleter
        where TEnum : struct, Enum
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = wordToComplete.Trim('\'', '"');
            return Enum.GetNames(typeof(TEnum))
                .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
        }
    }
}
