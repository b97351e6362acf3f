using System;
using System.Management.Automation;
using AppStoreJws.Binding;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// What the three StoreKit token cmdlets share: the key, the bundle ID, the issuance options, and the
    /// error policy (a bad row is a non-terminating error; an unusable key or configuration stops the run).
    /// </summary>
    public abstract class StoreKitJwsCommand : PSCmdlet
    {
        // Problems no later row can fix: reported once, as terminating errors.
        private static readonly string[] ConfigurationErrorIds =
        {
            "IssuerIdMissing", "BundleIdMissing", "InvalidBundleId", "InvalidClockSkew", "InvalidNonce",
        };

        private TokenIssuance issuance = new TokenIssuance();
        private VerboseWriter verbose = null!;

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
            issuance.BundleId = BundleId;
            try
            {
                StoreKitJws token = Sign(Key, issuance);
                verbose.WriteSignedJson(token.Token);
                WriteObject(token);
            }
            catch (AppStoreJwsException e) when (Array.IndexOf(ConfigurationErrorIds, e.ErrorId) >= 0)
            {
                ThrowTerminatingError(ErrorRecords.From(e, Key));
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, RowTarget));
            }
        }

        /// <summary>Signs one token from the bound parameters through the core's factory.</summary>
        private protected abstract StoreKitJws Sign(AppStoreKey key, TokenIssuance issuance);

        /// <summary>What identifies the current row in an error record.</summary>
        private protected abstract object RowTarget { get; }
    }
}
