using AppStoreJws.Verifying;

namespace AppStoreJws.Lookups
{
    /// <summary>The lookups: the trust parameters and the sandbox fallback.</summary>
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

    /// <summary>The lookups by one transaction ID (a transaction's, an original transaction's or an app transaction's): the lookup parameters and the ID.</summary>
    public class TransactionLookupParameters : LookupParameters
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("transaction_id", "originalTransactionId", "original_transaction_id", "appTransactionId", "app_transaction_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string TransactionId { get; set; } = null!;
    }

    /// <summary>What a lookup that takes many IDs from the pipeline adds to its parameters (-ThrottleLimit, whose rule is its attribute's).</summary>
    internal interface IPipelineLookupParameters
    {
        int ThrottleLimit { get; }
    }

    /// <summary>The lookups by transaction ID that take many IDs from the pipeline: the transaction lookup parameters and -ThrottleLimit.</summary>
    public sealed class PipelineLookupParameters : TransactionLookupParameters, IPipelineLookupParameters
    {
        /// <summary>How many requests are in flight at once (1: one after another). Output keeps the input order.</summary>
        [Parameter]
        [ThrottleLimit]
        public int ThrottleLimit { get; set; } = 1;
    }

    /// <summary>Look Up Order ID, which takes many order IDs from the pipeline: the lookup parameters and -ThrottleLimit.</summary>
    public sealed class OrderLookupParameters : LookupParameters, IPipelineLookupParameters
    {
        /// <summary>How many requests are in flight at once (1: one after another). Output keeps the input order.</summary>
        [Parameter]
        [ThrottleLimit]
        public int ThrottleLimit { get; set; } = 1;
    }
}
