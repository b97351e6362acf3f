using System.Collections;
using System.Linq;
using System.Management.Automation.Language;
using System.Runtime.InteropServices;

namespace AppStoreJws.Completion
{
    /// <summary>
    /// Tab completion for -EnvironmentVariable: the names of the variables this process has now. Only names: a value
    /// may be the key itself, so no completion text, list text or tooltip ever holds one.
    /// </summary>
    public sealed class EnvironmentVariableCompleter : IArgumentCompleter
    {
        // Windows matches environment names without regard to case; Linux and macOS keep PATH and Path apart.
        private static readonly StringComparison NameComparison =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = TypedWord.Unquoted(wordToComplete);
            return Environment.GetEnvironmentVariables().Keys
                .Cast<string>()
                .Where(name => name.StartsWith(prefix, NameComparison))
                .OrderBy(name => name, StringComparer.OrdinalIgnoreCase)
                .Select(name => new CompletionResult(Quoted(name), name, CompletionResultType.ParameterValue, $"The environment variable {name}"));
        }

        // Names such as ProgramFiles(x86) would end the argument early unquoted.
        private static string Quoted(string name) =>
            name.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '.')
                ? name
                : "'" + CodeGeneration.EscapeSingleQuotedStringContent(name) + "'";
    }
}
