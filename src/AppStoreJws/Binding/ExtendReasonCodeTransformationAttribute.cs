using System.Globalization;
using System.Linq;
using AppStoreJws.ServerApi;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// Lets -ReasonCode take Apple's name of an extendReasonCode (CustomerSatisfaction, in any case) as well as its number,
    /// so a script says what it means. Numbers pass through for the parameter's range check to judge.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ExtendReasonCodeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (!(value is string text) || int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                return inputData;
            }

            foreach (KeyValuePair<int, string> code in ServerApiCodes.ExtendReasonCodes)
            {
                if (string.Equals(code.Value, text.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return code.Key;
                }
            }

            throw new ArgumentTransformationMetadataException(
                $"'{text}' is not an extendReasonCode: expected one of {string.Join(", ", ServerApiCodes.ExtendReasonCodes.Select(code => code.Key + " (" + code.Value + ")"))}.");
        }
    }
}
