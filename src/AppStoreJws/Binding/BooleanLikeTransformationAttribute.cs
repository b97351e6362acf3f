namespace AppStoreJws.Binding
{
    /// <summary>
    /// Lets a flag bind from a CSV cell. PowerShell refuses strings for bool parameters, and guessing would be worse
    /// ("false" is a non-empty, hence true, string), so only the spellings below are accepted.
    /// A flag that binds from pipeline rows (<see cref="InRow"/>) is declared as object and refuses nothing here: a
    /// value PowerShell refused while binding would never reach the cmdlet, so the row would go uncounted and every
    /// later row would be misnumbered. Such a value is passed through for <see cref="Flag"/> to refuse as that row's error.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class BooleanLikeTransformationAttribute : ArgumentTransformationAttribute
    {
        private const string Accepted = "expected true or false (also accepted: 1 or 0, yes or no, y or n, in any case)";

        /// <summary>The parameter binds from pipeline rows and its cmdlet reads it through <see cref="Flag"/>.</summary>
        public bool InRow { get; set; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            bool? flag = TryRead(value);
            if (flag != null)
            {
                return flag.Value;
            }

            if (InRow)
            {
                // A blank cell is no value (the flag is missing), not a refused one.
                return value is string text && string.IsNullOrWhiteSpace(text) ? null : inputData;
            }

            throw new ArgumentTransformationMetadataException($"'{value}' is not a boolean: {Accepted}.");
        }

        /// <summary>
        /// The row's flag: null when it was not given or blank, the value when it is one of the accepted spellings,
        /// otherwise the row's <c>&lt;Name&gt;NotBoolean</c> error.
        /// </summary>
        internal static bool? Flag(object? input, string parameterName)
        {
            object? value = input is PSObject wrapped ? wrapped.BaseObject : input;
            if (value == null || (value is string text && string.IsNullOrWhiteSpace(text)))
            {
                return null;
            }

            return TryRead(value) ?? throw new AppStoreJwsException(ErrorIds.NotBoolean(parameterName), ErrorKind.InvalidArgument,
                $"The {char.ToLowerInvariant(parameterName[0]) + parameterName.Substring(1)} value '{value}' is not a boolean: {Accepted}.");
        }

        private static bool? TryRead(object? value)
        {
            switch (value)
            {
                case bool flag:
                    return flag;
                case SwitchParameter switchParameter:
                    return switchParameter.IsPresent;
                case int number when number == 0 || number == 1:
                    return number == 1;
                case long number when number == 0 || number == 1:
                    return number == 1;
                case string text:
                    switch (text.Trim().ToLowerInvariant())
                    {
                        case "true": case "1": case "yes": case "y": return true;
                        case "false": case "0": case "no": case "n": return false;
                    }

                    break;
            }

            return null;
        }
    }
}
