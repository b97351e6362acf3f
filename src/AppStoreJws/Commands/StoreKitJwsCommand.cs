using System;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using AppStoreJws.Binding;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.Pipeline;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// What the three StoreKit token cmdlets share: the key, the bundle ID, the issuance options, and the
    /// error policy (a bad row is a non-terminating error; an unusable key or configuration stops the run).
    /// </summary>
    public abstract class StoreKitJwsCommand : PSCmdlet, IDisposable
    {
        // Problems no later row can fix: reported once, as terminating errors.
        private static readonly string[] ConfigurationErrorIds =
        {
            "IssuerIdMissing", "BundleIdMissing", "InvalidBundleId", "InvalidClockSkew", "InvalidNonce",
        };

        private TokenIssuance issuance = new TokenIssuance();
        private VerboseWriter verbose = null!;
        private OrderedWorkQueue<StoreKitJws>? queue;

        /// <summary>The key from Get-AppStoreKey; it must carry an issuer ID.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        public AppStoreKey Key { get; set; } = null!;

        /// <summary>The app's bundle ID (the bid claim); defaults to the key's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BundleId { get; set; }

        /// <summary>A fixed issue time, for tests and reproducible examples; defaults to now.</summary>
        [Parameter]
        public DateTimeOffset? IssuedAt { get; set; }

        /// <summary>Backdates iat by this much, for hosts whose clocks run fast (at most 10 minutes).</summary>
        [Parameter]
        [SecondsTransformation]
        public TimeSpan ClockSkew { get; set; }

        /// <summary>A fixed nonce, for tests only: Apple accepts each nonce once, so real tokens need fresh ones.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Nonce { get; set; }

        /// <summary>Threads that sign rows in bulk (the first rows are signed inline); 1 signs every row on the pipeline thread.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

        protected override void BeginProcessing()
        {
            verbose = new VerboseWriter(this);
            try
            {
                issuance = new TokenIssuance { IssuedAt = IssuedAt, ClockSkew = ClockSkew, Nonce = Nonce };
                issuance.Validate();
                TokenIssuance.ResolveIssuerId(Key);
            }
            catch (AppStoreJwsException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, Key));
            }
        }

        protected override void ProcessRecord()
        {
            // Each row gets its own issuance and its own copy of the bound values: it may be signed on a worker
            // thread while the pipeline thread binds the next row.
            TokenIssuance row = new TokenIssuance { IssuedAt = issuance.IssuedAt, ClockSkew = issuance.ClockSkew, Nonce = issuance.Nonce, BundleId = BundleId };
            object target = RowTarget;
            queue ??= new OrderedWorkQueue<StoreKitJws>(ThrottleLimit, EmitToken, EmitError);
            Func<StoreKitJws> sign;
            try
            {
                sign = CaptureRow(Key, row);
            }
            catch (AppStoreJwsException e)
            {
                queue.AddFailed(e, target);
                return;
            }

            queue.Add(sign, target);
        }

        protected override void EndProcessing() => queue?.Complete();

        public void Dispose() => queue?.Dispose();

        private void EmitToken(StoreKitJws token, object? target)
        {
            verbose.WriteSignedJson(token.Token);
            WriteObject(token);
        }

        private void EmitError(Exception error, object? target)
        {
            if (!(error is AppStoreJwsException e))
            {
                ExceptionDispatchInfo.Capture(error).Throw();
                return;
            }

            if (Array.IndexOf(ConfigurationErrorIds, e.ErrorId) >= 0)
            {
                ThrowTerminatingError(ErrorRecords.From(e, Key));
            }

            WriteError(ErrorRecords.From(e, target));
        }

        /// <summary>
        /// Takes the current row's bound values (pipeline thread) and returns the work that signs its token through
        /// the core's factory: pure and thread-safe, it may run on a worker thread.
        /// </summary>
        private protected abstract Func<StoreKitJws> CaptureRow(AppStoreKey key, TokenIssuance issuance);

        /// <summary>What identifies the current row in an error record.</summary>
        private protected abstract object RowTarget { get; }
    }
}
