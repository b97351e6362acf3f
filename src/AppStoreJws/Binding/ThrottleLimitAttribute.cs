namespace AppStoreJws.Binding
{
    /// <summary>
    /// The one rule of every -ThrottleLimit (rows signed, receipts decoded, lookups in flight): 1 to 64. One does the
    /// work on the pipeline thread; past 64 neither signing (bound by the processors) nor the App Store Server API
    /// (bound by Apple's rate limits) gets faster, it only holds more threads and connections. The default is each
    /// cmdlet's own, as what is cheap differs: the processor count for local work, 1 for requests to Apple.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ThrottleLimitAttribute : ValidateArgumentsAttribute
    {
        /// <summary>The most threads (or requests in flight) any -ThrottleLimit allows.</summary>
        public const int Maximum = 64;

        /// <summary>A default for local work: the processor count, within the rule.</summary>
        public static int ProcessorDefault => Math.Min(System.Environment.ProcessorCount, Maximum);

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (!(value is int limit) || limit < 1 || limit > Maximum)
            {
                throw new ValidationMetadataException($"The -ThrottleLimit {value} is not between 1 and {Maximum}; expected 1 (one at a time on the pipeline thread) up to {Maximum}.");
            }
        }
    }
}
