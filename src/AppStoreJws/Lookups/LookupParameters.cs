using AppStoreJws.Verifying;

namespace AppStoreJws.Lookups
{
    /// <summary>The lookups by transaction: the trust parameters and the sandbox fallback.</summary>
    public class LookupParameters : SignedDataParameters
    {
        /// <summary>Asks the sandbox when production answers TransactionIdNotFound (4040010), or 401 without a code (production refuses an app with no approved release yet). Apple's advice: a last resort; the data names its environment.</summary>
        [Parameter]
        public SwitchParameter FallbackToSandbox { get; set; }

        /// <summary>Where -FallbackToSandbox asks when -BaseUri replaces Apple's production URL (a proxy or a test server).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? SandboxBaseUri { get; set; }
    }

    /// <summary>The lookups that take many IDs from the pipeline: the lookup parameters and -ThrottleLimit.</summary>
    public sealed class PipelineLookupParameters : LookupParameters
    {
        /// <summary>How many requests are in flight at once (1: one after another). Output keeps the input order.</summary>
        [Parameter]
        [ThrottleLimit]
        public int ThrottleLimit { get; set; } = 1;
    }
}
