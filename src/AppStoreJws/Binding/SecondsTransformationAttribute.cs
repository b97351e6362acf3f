using System;
using System.Management.Automation;

namespace AppStoreJws.Binding
{
    /// <summary>
    /// Lets a [TimeSpan] parameter take a plain number as seconds. PowerShell would otherwise convert 60 to 60 ticks
    /// (six microseconds), silently; TimeSpan values and strings such as '00:02:00' bind as usual.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecondsTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case int seconds:
                    return TimeSpan.FromSeconds(seconds);
                case long seconds:
                    return TimeSpan.FromSeconds(seconds);
                case double seconds:
                    return TimeSpan.FromSeconds(seconds);
                case decimal seconds:
                    return TimeSpan.FromSeconds((double)seconds);
                default:
                    return inputData;
            }
        }
    }
}
