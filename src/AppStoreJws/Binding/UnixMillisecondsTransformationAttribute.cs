using System;
using System.Management.Automation;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// Lets a Unix-milliseconds [long] parameter also take a point in time: a DateTimeOffset, or a DateTime
    /// (Get-Date), becomes its Unix time in milliseconds, and a blank CSV cell means "not given" (not 0).
    /// Numbers and numeric text pass through unchanged, so the core can refuse a value in seconds with a message that says so.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class UnixMillisecondsTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case DateTimeOffset instant:
                    return instant.ToUnixTimeMilliseconds();
                case DateTime time:
                    return new DateTimeOffset(time).ToUnixTimeMilliseconds();
                case string text when string.IsNullOrWhiteSpace(text):
                    return null!;
                default:
                    return inputData;
            }
        }
    }
}
