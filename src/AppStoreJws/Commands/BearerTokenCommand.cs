using System;
using System.Management.Automation;
using AppStoreJws.Binding;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.ServerApi;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// What the two server API token cmdlets share: the key, the lifetime, the issuance options, and the error
    /// policy (an unusable key or configuration stops the run; a bad pipeline row is a non-terminating error).
    /// </summary>
    public abstract class BearerTokenCommand : PSCmdlet
    {
        // Problems no later row can fix: reported once, as terminating errors.
        private static readonly string[] ConfigurationErrorIds =
        {
            "IssuerIdMissing", "BundleIdMissing", "InvalidBundleId", "InvalidClockSkew", "InvalidLifetime", "LifetimeTooLong",
        };

        private TokenIssuance issuance = new TokenIssuance();
        private VerboseWriter verbose = null!;

        /// <summary>The key from Get-AppStoreKey.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        [AppStoreKeyTransformation]
        public AppStoreKey Key { get; set; } = null!;

        /// <summary>How long the token is valid (exp - iat); each cmdlet has Apple's default and maximum.</summary>
        [Parameter]
        [SecondsTransformation]
        [ArgumentCompleter(typeof(Completion.LifetimeCompleter))]
        public TimeSpan? Lifetime { get; set; }

        /// <summary>A fixed issue time, for tests and reproducible examples; defaults to now.</summary>
        [Parameter]
        public DateTimeOffset? IssuedAt { get; set; }

        /// <summary>Backdates iat (and so exp) by this much, for hosts whose clocks run fast (at most 10 minutes).</summary>
        [Parameter]
        [SecondsTransformation]
        [ArgumentCompleter(typeof(Completion.ClockSkewCompleter))]
        public TimeSpan ClockSkew { get; set; }

        protected override void BeginProcessing()
        {
            verbose = new VerboseWriter(this);
            try
            {
                issuance = new TokenIssuance { IssuedAt = IssuedAt, ClockSkew = ClockSkew };
                issuance.Validate();
                ValidateConfiguration(Key, Lifetime);
            }
            catch (AppStoreJwsException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, Key));
            }
        }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            try
            {
                BearerToken token = Create(Key, issuance, Lifetime);
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

        /// <summary>Checks, before the first token, what holds for the whole run (lifetime, issuer ID).</summary>
        private protected abstract void ValidateConfiguration(AppStoreKey key, TimeSpan? lifetime);

        /// <summary>Signs one token from the bound parameters through the core's factory.</summary>
        private protected abstract BearerToken Create(AppStoreKey key, TokenIssuance issuance, TimeSpan? lifetime);

        /// <summary>What identifies the current row in an error record.</summary>
        private protected abstract object RowTarget { get; }
    }
}
