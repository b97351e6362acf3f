using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AppStoreJws.AdvancedCommerce;

namespace AppStoreJws.Completion
{
    /// <summary>
    /// Tab completion for the operations an app may sign. A completer rather than ValidateSet: the request reader
    /// judges the name, so a server-only operation gets its explanation instead of a bare "not in the set".
    /// </summary>
    public sealed class InAppOperationCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = wordToComplete.Trim('\'', '"');
            return AdvancedCommerceOperations.InAppRequestTypes.Keys
                .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(name => new CompletionResult(name, name, CompletionResultType.ParameterValue, name));
        }
    }
}
