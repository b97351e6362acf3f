using System.Collections;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// Refuses private key text given to a parameter that does not take it, before PowerShell or the cmdlet can echo
    /// the value in an error, a verbose line or a transcript. Transformation runs before validation, so a value
    /// refused here never reaches a ValidateSet or ValidatePattern message either.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class NoKeyTextAttribute : ArgumentTransformationAttribute
    {
        internal const string LoadKeyInstead =
            "Load a key with Get-AppStoreKey -Path <file>, -Content <text>, -SecureContent <SecureString> or -EnvironmentVariable <name>, and pass the object it returns to -Key.";

        /// <summary>
        /// Stands in for refused key text on a parameter that binds from pipeline rows. PowerShell's own binding error
        /// for a row carries the whole row as its target, key text included, so such a value is not refused here: it
        /// is replaced by this marker, and the cmdlet reports it as that row's error (<see cref="FindRefused"/>).
        /// </summary>
        internal static readonly string Placeholder = new string("(private key text, not shown)".ToCharArray());

        /// <summary>What the parameter takes, said instead of the value it was given.</summary>
        public string? Takes { get; set; }

        /// <summary>The parameter binds from pipeline rows, and its cmdlet calls <see cref="FindRefused"/> for each row.</summary>
        public bool InRow { get; set; }

        /// <summary>
        /// Also refuses single lines of a key (a PEM armor line, a line of base64): what a path parameter receives when
        /// a key file is piped through Get-Content without -Raw, one line per input.
        /// </summary>
        public bool Lines { get; set; }

        /// <summary>
        /// The cmdlet looks for key text itself, off the pipeline thread, in every value it cannot otherwise prove to be
        /// something else (a receipt that decodes is not a key), and reports it as that row's KeyTextInParameter error;
        /// the value binds untouched. For values of kilobytes that arrive by the thousand, where the look here would be
        /// a large part of each row's cost.
        /// </summary>
        public bool CheckedByCommand { get; set; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (CheckedByCommand || (!HoldsKeyText(inputData) && !(Lines && HoldsKeyLine(inputData))))
            {
                return inputData;
            }

            if (InRow)
            {
                return Placeholder;
            }

            throw new ArgumentTransformationMetadataException(Refusal(null, Takes));
        }

        /// <summary>
        /// The first parameter whose current value is key text replaced by <see cref="Placeholder"/>, or null.
        /// BoundParameters says where to look, the property itself whether it still holds the marker: PowerShell
        /// resets a parameter that a later row does not bind, but leaves the earlier row's value in BoundParameters.
        /// </summary>
        internal static string? FindRefused(PSCmdlet cmdlet)
        {
            foreach (KeyValuePair<string, object> parameter in cmdlet.MyInvocation.BoundParameters)
            {
                if (IsPlaceholder(parameter.Value) && IsPlaceholder(CurrentValue(cmdlet, parameter.Key)))
                {
                    return parameter.Key;
                }
            }

            return null;
        }

        /// <summary>
        /// A parameter's value where it is declared: on the cmdlet, or on the parameter object the cmdlet hands to
        /// PowerShell from <c>IDynamicParameters.GetDynamicParameters</c> (parameters shared by several cmdlets).
        /// </summary>
        private static object? CurrentValue(PSCmdlet cmdlet, string parameter)
        {
            System.Reflection.PropertyInfo? own = cmdlet.GetType().GetProperty(parameter);
            if (own != null)
            {
                return own.GetValue(cmdlet);
            }

            object? shared = (cmdlet as IDynamicParameters)?.GetDynamicParameters();
            return shared?.GetType().GetProperty(parameter)?.GetValue(shared);
        }

        internal static bool IsPlaceholder(object? bound)
        {
            object? value = bound is PSObject wrapped ? wrapped.BaseObject : bound;
            return ReferenceEquals(value, Placeholder) || (value is object[] items && Array.Exists(items, item => ReferenceEquals(item is PSObject element ? element.BaseObject : item, Placeholder)));
        }

        /// <summary>
        /// For a cmdlet without a row base: writes the current input's KeyTextInParameter error (no target: the input
        /// holds the key text) and returns true when a parameter's value was refused key text.
        /// </summary>
        internal static bool WriteErrorIfRefused(PSCmdlet cmdlet)
        {
            string? refused = FindRefused(cmdlet);
            if (refused == null)
            {
                return false;
            }

            cmdlet.WriteError(RefusalRecord(RefusedInRow(refused)));
            return true;
        }

        /// <summary>The error record of a refusal: no target, since the input holds the key text.</summary>
        internal static ErrorRecord RefusalRecord(AppStoreJwsException refusal) => Commands.ErrorRecords.From(refusal, null);

        internal static bool IsRefusal(AppStoreJwsException error) => error.ErrorId == ErrorIds.KeyTextInParameter;

        /// <summary>The row error for key text found by <see cref="FindRefused"/>.</summary>
        internal static AppStoreJwsException RefusedInRow(string parameterName) =>
            new AppStoreJwsException(ErrorIds.KeyTextInParameter, ErrorKind.InvalidArgument, Refusal(parameterName, null));

        private static string Refusal(string? parameterName, string? takes) =>
            "This looks like the text of a private key, which " + (parameterName == null ? "this parameter" : "-" + parameterName) +
            " does not take" + (takes == null ? "; " : " (it takes " + takes + "); ") + "the value is not shown. " + LoadKeyInstead;

        private static bool HoldsKeyLine(object? input)
        {
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            if (value is string line)
            {
                return PrivateKeyText.IsKeyLine(line);
            }

            if (value is IEnumerable items && !(value is IDictionary))
            {
                foreach (object? item in items)
                {
                    if ((item is PSObject element ? element.BaseObject : item) is string text && PrivateKeyText.IsKeyLine(text))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the value holds key text anywhere: a string, lines of one, or any string of a hashtable, a
        /// PSCustomObject or a list, nested to any depth (a PEM pasted into item.SKU of an Advanced Commerce request).
        /// </summary>
        internal static bool HoldsKeyText(object? input)
        {
            int budget = MaximumValuesLookedAt;
            return HoldsKeyText(input, 0, ref budget);
        }

        // Deeper and larger than any real request. An object graph beyond them (one that refers to itself, or shares
        // nodes thirty levels deep) is not looked at further here: reading it as a request refuses it as too large.
        private const int MaximumDepth = 64;
        private const int MaximumValuesLookedAt = 100_000;

        private static bool HoldsKeyText(object? input, int depth, ref int budget)
        {
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            if (depth > MaximumDepth || --budget < 0)
            {
                return false;
            }

            switch (value)
            {
                case PSCustomObject _:
                    // A whole pipeline row (Import-Csv's) or a request built as an object: refused when any cell holds
                    // key text, since PowerShell shows the row itself as the target of any binding error for it.
                    foreach (PSPropertyInfo cell in ((PSObject)input!).Properties)
                    {
                        if (cell is PSNoteProperty && HoldsKeyText(cell.Value, depth + 1, ref budget))
                        {
                            return true;
                        }
                    }

                    return false;
                case string text:
                    return PrivateKeyText.Contains(text);
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        if (HoldsKeyText(entry.Key, depth + 1, ref budget) || HoldsKeyText(entry.Value, depth + 1, ref budget))
                        {
                            return true;
                        }
                    }

                    return false;
                case IList list:
                    // Arrays and lists, as requests nest them; other enumerables (a file's lines, a stream) are only read for strings.
                    foreach (object? item in list)
                    {
                        if (HoldsKeyText(item, depth + 1, ref budget))
                        {
                            return true;
                        }
                    }

                    return PrivateKeyText.Contains(JoinLines(list));
                case IEnumerable items:
                    foreach (object? item in items)
                    {
                        if ((item is PSObject element ? element.BaseObject : item) is string line && PrivateKeyText.Contains(line))
                        {
                            return true;
                        }
                    }

                    // Key text split into lines (Get-Content without -Raw) shows only when the lines are joined.
                    return PrivateKeyText.Contains(JoinLines(items));
                default:
                    return false;
            }
        }

        private static string JoinLines(IEnumerable items)
        {
            System.Text.StringBuilder joined = new System.Text.StringBuilder();
            foreach (object? item in items)
            {
                if ((item is PSObject element ? element.BaseObject : item) is string line)
                {
                    joined.Append(line).Append('\n');
                }
            }

            return joined.ToString();
        }
    }
}
