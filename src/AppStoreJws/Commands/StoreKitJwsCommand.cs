using AppStoreJws.Signing;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>What the three StoreKit token cmdlets add to row signing: the issuer ID and the issuance options.</summary>
    public abstract class StoreKitJwsCommand : RowSigningCommand, IDynamicParameters
    {
        private readonly IssuanceParameters issuance = new IssuanceParameters();
        private RunIssuance run = new RunIssuance();
        private long rows;

        /// <summary>A fixed nonce, for tests only: Apple accepts each nonce once, so real tokens need fresh ones.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? Nonce { get; set; }

        public object GetDynamicParameters() => issuance;

        private protected override string ResultNoun => "token";

        private protected override void ValidateRun()
        {
            run = issuance.Run(Nonce);
            run.Validate();
            TokenIssuance.ResolveIssuerId(Key);
        }

        private protected override Func<object>? CaptureRow(AppStoreKey key, string? bundleId)
        {
            if (++rows == 2 && Nonce != null)
            {
                WriteWarning("-Nonce is signed into every row, but Apple accepts each nonce only once: every token after the first will be refused. Leave -Nonce out to get a fresh nonce per token.");
            }

            // Each row gets its own issuance: it may be signed on a worker thread while the pipeline thread binds the next row.
            return CaptureToken(key, new TokenIssuance(run) { BundleId = bundleId });
        }

        private protected override object ResultObject(object result, VerboseWriter verbose)
        {
            verbose.WriteSignedJson(((StoreKitJws)result).Token);
            return result;
        }

        private protected override void AddResultTo(PSObject row, object result) => SetProperty(row, "Token", ((StoreKitJws)result).Token);

        /// <summary>Copies the row's bound values (pipeline thread) into the work that signs its token through the core's factory.</summary>
        private protected abstract Func<object>? CaptureToken(AppStoreKey key, TokenIssuance issuance);
    }
}
