using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text;
using AppStoreJws.Pipeline;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// What every cmdlet that signs one result per pipeline row shares: the key, the bundle ID, -PassThru, the ordered
    /// parallel queue, progress, and the error policy. The policy goes by where a value came from, not by error id: a
    /// problem with the run's own parameters (the command line) stops the run before the first row; a problem with a
    /// row's values is that row's error, naming the row, and the other rows are still signed.
    /// Results are plain objects, not a type parameter: a base type's type arguments load with the cmdlet types, and
    /// those load before the module's initializer can point the core's assembly at its private load context.
    /// </summary>
    public abstract class RowSigningCommand : SigningCommand, IDisposable
    {
        private OrderedWorkQueue<object>? queue;
        private RunTally tally = null!;
        private long rowNumber;
        private LooseColumnBinder? looseColumns;
        private bool headerRead;

        /// <summary>The app's bundle ID (the bid claim); defaults to the key's. An empty cell means the key's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("bundle_id", "Bundle ID")]
        [AllowNull]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? BundleId { get; set; }

        /// <summary>Threads that sign rows in bulk (the first rows are signed inline); 1 signs every row on the pipeline thread.</summary>
        [Parameter]
        [ThrottleLimit]
        public int ThrottleLimit { get; set; } = ThrottleLimitAttribute.ProcessorDefault;

        /// <summary>Emits each input row itself, with the result added as properties, instead of the result object.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            tally = new RunTally(this, ResultNoun);
            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            queue ??= new OrderedWorkQueue<object>(ThrottleLimit, EmitResult, EmitError);
            PSObject? input = InputRow;
            RowContext row = new RowContext(++rowNumber, input ?? (PassThru ? ParametersAsRow() : null), DescribeRow());
            try
            {
                if (input != null)
                {
                    BindLooseColumns(input);
                }

                string? refused = NoKeyTextAttribute.FindRefused(this);
                if (refused != null)
                {
                    throw NoKeyTextAttribute.RefusedInRow(refused);
                }

                RequireColumns(input);
                RequireBundleIdSource(input);

                Func<object>? work = CaptureRow(Key, BundleId);
                if (work == null)
                {
                    // The input is part of a later row (a line of JSON that is not complete yet).
                    rowNumber--;
                    return;
                }

                queue.Add(work, row);
            }
            catch (AppStoreJwsException e)
            {
                queue.AddFailed(e, row);
            }
        }

        protected override void EndProcessing()
        {
            AppStoreJwsException? unfinished = UnfinishedInput();
            if (unfinished != null)
            {
                queue ??= new OrderedWorkQueue<object>(ThrottleLimit, EmitResult, EmitError);
                queue.AddFailed(unfinished, new RowContext(++rowNumber, null, "the last lines"));
            }

            queue?.Complete();
            tally.Finish();
        }

        public void Dispose() => queue?.Dispose();

        private protected override string? BundleIdValue => BundleId;

        /// <summary>
        /// Takes the current row's bound values (pipeline thread) and returns the work that signs it through the core:
        /// pure and thread-safe, it may run on a worker thread while the next row binds.
        /// </summary>
        private protected abstract Func<object>? CaptureRow(AppStoreKey key, string? bundleId);

        /// <summary>Input held back for a row that never completed (JSON lines that never closed), as its error.</summary>
        private protected virtual AppStoreJwsException? UnfinishedInput() => null;

        /// <summary>The row object from the pipeline, if any: the error target and what -PassThru emits.</summary>
        private protected virtual PSObject? InputRow => CurrentInput.Of(this);

        /// <summary>The parameters each row must have (by name or alias); a missing one is named in the row's error.</summary>
        private protected virtual IReadOnlyList<string> RequiredParameters => Array.Empty<string>();

        /// <summary>The row's identifying values, for its error message ("productId 'x', transactionId '1'").</summary>
        private protected abstract string DescribeRow();

        /// <summary>"token" or "signature": what the closing count and the progress line call a result.</summary>
        private protected abstract string ResultNoun { get; }

        /// <summary>Writes the result (and any warnings that came with it) when -PassThru is not given.</summary>
        private protected abstract object ResultObject(object result, VerboseWriter verbose);

        /// <summary>Adds the result to a -PassThru row as properties (Token; or EncodedSignature, Nonce, Timestamp).</summary>
        private protected abstract void AddResultTo(PSObject row, object result);

        /// <summary>Sets a property on a -PassThru row, replacing a column of the same name (a file signed a second time).</summary>
        private protected static void SetProperty(PSObject row, string name, object? value)
        {
            PSPropertyInfo? existing = row.Properties[name];
            if (existing != null && existing.IsSettable)
            {
                existing.Value = value;
            }
            else
            {
                if (existing != null)
                {
                    row.Properties.Remove(name);
                }

                row.Properties.Add(new PSNoteProperty(name, value));
            }
        }

        private protected static string Quote(string? value) => value == null ? "(none)" : "'" + value + "'";

        private void RequireColumns(PSObject? input)
        {
            foreach (string parameter in RequiredParameters)
            {
                // The property, not BoundParameters: PowerShell resets a parameter that this row does not bind, but
                // BoundParameters keeps the value an earlier row gave it.
                object? value = RequiredProperty(GetType(), parameter).GetValue(this);
                bool given = value != null && !(value is string text && text.Length == 0);

                // Only an absent value needs the row looked at: an empty cell is the core's "was empty", no column is this.
                if (given || (input != null && FindColumn(input, parameter) != null))
                {
                    continue;
                }

                AppStoreJwsException missing = MissingColumn(parameter, input);
                if (input != null && rowNumber == 1)
                {
                    // The first row is the file's header: every row after it lacks the column too, so this is the
                    // input's problem, reported once, not once per row.
                    ThrowTerminatingError(ErrorRecords.From(missing, NoKeyTextAttribute.HoldsKeyText(input) ? null : input));
                }

                throw missing;
            }
        }

        /// <summary>Binds the columns whose header PowerShell did not match ("Offer ID"), as found in the run's first row.</summary>
        private void BindLooseColumns(PSObject input)
        {
            if (!headerRead)
            {
                headerRead = true;
                looseColumns = LooseColumnBinder.For(this, input);
            }

            looseColumns?.Bind(this, input);
        }

        private static PropertyInfo RequiredProperty(Type cmdlet, string parameter) =>
            RequiredProperties.GetOrAdd((cmdlet, parameter), key => key.Item1.GetProperty(key.Item2)!);

        private AppStoreJwsException MissingColumn(string parameter, PSObject? input)
        {
            string id = ErrorIds.Missing(parameter);
            if (input == null)
            {
                return new AppStoreJwsException(id, ErrorKind.InvalidArgument, $"-{parameter} is required and was not given.");
            }

            StringBuilder columns = new StringBuilder();
            foreach (PSPropertyInfo property in input.Properties)
            {
                columns.Append(columns.Length == 0 ? string.Empty : ", ").Append(property.Name);
            }

            return new AppStoreJwsException(id, ErrorKind.InvalidArgument,
                $"The {(rowNumber == 1 ? "input" : "row")} has no {parameter} column (accepted spellings: {string.Join(", ", ParameterSpellings.Of(GetType(), parameter))}; " +
                $"case, spaces, underscores and hyphens do not matter); its columns are: {(columns.Length == 0 ? "(none)" : columns.ToString())}.");
        }

        private void EmitResult(object result, object? context)
        {
            if (result is ResultBatch batch)
            {
                foreach (object outcome in batch.Outcomes)
                {
                    if (outcome is Exception failure)
                    {
                        EmitError(failure, context);
                    }
                    else
                    {
                        EmitOne(outcome, context, ownRow: true);
                    }
                }

                return;
            }

            EmitOne(result, context, ownRow: false);
        }

        /// <summary>One result; <paramref name="ownRow"/>: one of several from the same input, so -PassThru gets a copy of the row each.</summary>
        private void EmitOne(object result, object? context, bool ownRow)
        {
            tally.Succeeded();
            object output = ResultObject(result, Verbose);
            if (PassThru)
            {
                PSObject input = ((RowContext)context!).Input!;
                PSObject passThru = ownRow ? input.Copy() : input;
                AddResultTo(passThru, result);
                WriteObject(passThru);
            }
            else
            {
                WriteObject(output);
            }
        }

        private void EmitError(Exception error, object? context)
        {
            if (!(error is AppStoreJwsException e))
            {
                ExceptionDispatchInfo.Capture(error).Throw();
                return;
            }

            tally.Failed();
            RowContext row = (RowContext)context!;
            ErrorRecord record = ErrorRecords.From(e, row.SafeTarget(e));
            record.ErrorDetails = new ErrorDetails($"Row {row.Number:N0} ({row.Description}): {PrivateKeyText.Redact(e.Message)}");
            WriteError(record);
        }

        /// <summary>
        /// A -PassThru row for values given as parameters rather than piped: the parameters a row could have given (those
        /// that bind from the pipeline), not the run's own (-Key, -ThrottleLimit, -IssuedAt, a fixed -Nonce), so the
        /// cmdlet's attributes say which is which and no list of names has to follow them.
        /// </summary>
        private PSObject ParametersAsRow()
        {
            PSObject result = new PSObject();
            foreach (KeyValuePair<string, object> parameter in MyInvocation.BoundParameters)
            {
                if (BindsFromRow(parameter.Key))
                {
                    result.Properties.Add(new PSNoteProperty(parameter.Key, parameter.Value));
                }
            }

            return result;
        }

        private bool BindsFromRow(string parameter) =>
            MyInvocation.MyCommand.Parameters.TryGetValue(parameter, out ParameterMetadata? metadata)
            && metadata.Attributes.OfType<ParameterAttribute>().Any(binding => binding.ValueFromPipelineByPropertyName || binding.ValueFromPipeline);

        private static readonly ConcurrentDictionary<(Type, string), PropertyInfo> RequiredProperties =
            new ConcurrentDictionary<(Type, string), PropertyInfo>();

        private sealed class RowContext
        {

            public RowContext(long number, PSObject? input, string description)
            {
                Number = number;
                Input = input;
                Description = description;
            }

            public long Number { get; }

            public PSObject? Input { get; }

            public string Description { get; }

            /// <summary>
            /// The input row, unless it holds key text (then nothing from it is shown). The row is looked at only here,
            /// when it failed: reading every row's cells would cost bulk runs more than the signing's own overhead.
            /// </summary>
            public object? SafeTarget(AppStoreJwsException error) =>
                error.ErrorId == ErrorIds.KeyTextInParameter || NoKeyTextAttribute.HoldsKeyText(Input) ? null : (object?)Input ?? Description;
        }
    }
}
