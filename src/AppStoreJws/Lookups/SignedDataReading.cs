using AppStoreJws.Commands;
using AppStoreJws.Verifying;

namespace AppStoreJws.Lookups
{
    /// <summary>
    /// What a Server API cmdlet that reads signed data one input at a time holds: its trust parameters (handed to
    /// PowerShell as dynamic parameters) and, once the run begins, the <see cref="SignedDataRun"/> made from them.
    /// </summary>
    internal sealed class SignedDataReading : IServerApiRunPart
    {
        private readonly Func<bool>? readsSignedData;
        private SignedDataRun? run;

        /// <param name="parameters">The parameters the cmdlet takes: <see cref="SignedDataParameters"/>, or <see cref="LookupParameters"/> for -FallbackToSandbox.</param>
        /// <param name="readsSignedData">Whether this run verifies anything (a test notification without -Wait does not, and needs no -AppAppleId); always when absent.</param>
        public SignedDataReading(SignedDataParameters parameters, Func<bool>? readsSignedData = null)
        {
            Parameters = parameters;
            this.readsSignedData = readsSignedData;
        }

        /// <summary>What GetDynamicParameters returns.</summary>
        public SignedDataParameters Parameters { get; }

        /// <summary>The run's verifiers and sandbox fallback (from BeginProcessing on).</summary>
        public SignedDataRun Run => run ?? throw new InvalidOperationException("BeginProcessing has not run.");

        public void Begin(AppStoreServerApiCommand cmdlet) => run = new SignedDataRun(cmdlet, Parameters, readsSignedData?.Invoke() ?? true);

        public void Complete()
        {
        }

        public void Stop()
        {
        }
    }
}
