namespace AppStoreJws.Binding
{
    /// <summary>
    /// Lets a [bool] parameter bind from a CSV cell. PowerShell refuses strings for bool parameters, and
    /// guessing would be worse ("false" is a non-empty, hence true, string), so only the spellings below are
    /// accepted and anything else is refused with a message that lists them.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class BooleanLikeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
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
                        case "true": case "1": case "yes": return true;
                        case "false": case "0": case "no": return false;
                    }

                    break;
            }

            throw new ArgumentTransformationMetadataException(
                $"'{value}' is not a boolean: expected true or false (also accepted: 1 or 0, yes or no, in any case).");
        }
    }
}
