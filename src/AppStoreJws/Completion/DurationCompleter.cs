using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation.Language;
using System.Xml;

namespace AppStoreJws.Completion
{
    /// <summary>
    /// Tab completion for a [SecondsTransformation] TimeSpan parameter: common durations inside the range the core
    /// accepts for it, in each form the transformation reads (seconds 300, ISO 8601 PT5M, hh:mm:ss 00:05:00).
    /// </summary>
    public abstract class DurationCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan[] CommonDurations =
        {
            TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10),
            TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60),
        };

        // Seconds first: a bare Tab offers the shortest form; typing P or 00: narrows to the other forms.
        private static readonly (Func<TimeSpan, string> Write, string Form)[] Forms =
        {
            (span => ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture), "seconds"),
            (span => XmlConvert.ToString(span), "ISO 8601 duration"),
            (span => span.ToString("c", CultureInfo.InvariantCulture), "hh:mm:ss"),
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = TypedWord.Unquoted(wordToComplete);
            DurationRange range = Range(UnqualifiedName(commandName ?? string.Empty));
            TimeSpan[] offered = CommonDurations.Where(span => span >= range.Minimum && span <= range.Maximum).ToArray();
            return Forms
                .SelectMany(form => offered.Select(span => (Text: form.Write(span), ToolTip: ToolTip(span, form.Form, range))))
                .Where(value => value.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(value => new CompletionResult(value.Text, value.Text, CompletionResultType.ParameterValue, value.ToolTip));
        }

        /// <summary>What the core accepts for this parameter of this command (given without its module name).</summary>
        private protected abstract DurationRange Range(string commandName);

        private static string UnqualifiedName(string commandName) => commandName.Substring(commandName.LastIndexOf('\\') + 1);

        private static string ToolTip(TimeSpan span, string form, DurationRange range)
        {
            string note = span == range.Default ? $"; {range.DefaultNote}" : span == range.Maximum ? "; the longest accepted here" : string.Empty;
            return $"{Spoken(span)} ({form}){note}";
        }

        private static string Spoken(TimeSpan span) =>
            span == TimeSpan.Zero ? "None"
            : span.TotalMinutes < 1 ? $"{span.TotalSeconds} seconds"
            : span.TotalMinutes == 1 ? "1 minute"
            : $"{span.TotalMinutes} minutes";
    }

    /// <summary>The durations a parameter accepts, and the one it uses when left out.</summary>
    internal readonly struct DurationRange
    {
        internal DurationRange(TimeSpan minimum, TimeSpan maximum, TimeSpan @default, string defaultNote)
        {
            Minimum = minimum;
            Maximum = maximum;
            Default = @default;
            DefaultNote = defaultNote;
        }

        internal TimeSpan Minimum { get; }

        internal TimeSpan Maximum { get; }

        internal TimeSpan Default { get; }

        internal string DefaultNote { get; }
    }
}
