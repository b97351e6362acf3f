namespace AppStoreJws.Lookups
{
    /// <summary>
    /// The parameters of the App Store Server API cmdlets that verify what Apple signs, each declared once, here. A
    /// cmdlet hands one of these objects to PowerShell from <c>IDynamicParameters.GetDynamicParameters</c>, so only the
    /// cmdlets that verify have them, and each has the same name, type and rule everywhere (Get-Command, Get-Help, tab
    /// completion and splatting see them like any other parameter).
    /// </summary>
    public class SignedDataParameters
    {
        /// <summary>The roots the signing chains must lead to; Apple Root CA - G3 when absent.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public object[]? TrustedRoot { get; set; }

        /// <summary>The app's Apple ID, which production data must carry; defaults to -Key's.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long? AppAppleId { get; set; }
    }

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
