using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using AppStoreJws.Inspection;

namespace AppStoreJws.Completion
{
    /// <summary>Tab completion for -Audience from the core's list of App Store audiences.</summary>
    public sealed class AudienceCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return JwsLintOptions.KnownAudiences
                .Where(audience => audience.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(audience => new CompletionResult(audience, audience, CompletionResultType.ParameterValue, audience));
        }
    }
}
