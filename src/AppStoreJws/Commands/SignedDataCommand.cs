using System.Threading;
using AppStoreJws.Verification;
using AppStoreJws.Verifying;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// What every cmdlet that verifies Apple's signed data shares: the trust and expectation parameters
    /// (-TrustedRoot, -BundleId, -AppAppleId, -Environment, -Online, -EffectiveDate, -TimeoutSec) and one
    /// <see cref="SignedDataVerifier"/> per invocation, made in BeginProcessing (an unusable option is a
    /// terminating error), so chains are parsed and verified once for the whole pipeline. Ctrl+C cancels the
    /// OCSP requests under way.
    /// </summary>
    public abstract class SignedDataCommand : PSCmdlet, IDisposable, IDynamicParameters
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

        /// <summary>-TrustedRoot and -AppAppleId, declared once for every cmdlet that verifies what Apple signs.</summary>
        private readonly SignedDataParameters trust = new SignedDataParameters();

        /// <summary>The compact JWS Apple signed, or an object with one of Apple's signed-data properties.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("signedPayload", "signedTransactionInfo", "signedRenewalInfo", "signedAppTransactionInfo", "signedTransactions")]
        [AllowEmptyString]
        [AllowNull]
        [NoKeyText(InRow = true)]
        public string[] SignedData { get; set; } = Array.Empty<string>();

        /// <summary>The kind of payload, when it should not be told from the fields.</summary>
        [Parameter]
        [ValidateSet("Notification", "Transaction", "RenewalInfo", "AppTransaction", "RealtimeRequest")]
        [NoKeyText]
        public string? Type { get; set; }

        /// <summary>The values -Environment accepts, as Apple spells them.</summary>
        public const string EnvironmentNames = "Production,Sandbox,Xcode,LocalTesting";

        private SignedDataVerifier? verifier;

        /// <summary>The app's bundle ID the data must name; defaults to -Key's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? BundleId { get; set; }

        /// <summary>The app's key from Get-AppStoreKey: only its bundle ID and app Apple ID are read, as the defaults of -BundleId and -AppAppleId.</summary>
        [Parameter]
        [AppStoreKeyTransformation]
        public AppStoreKey? Key { get; set; }

        /// <summary>The environment the data must name. Xcode and LocalTesting data is decoded without a chain check.</summary>
        [Parameter]
        [ValidateSet("Production", "Sandbox", "Xcode", "LocalTesting")]
        [NoKeyText]
        public string? Environment { get; set; }

        /// <summary>Checks revocation by OCSP (leaf and intermediate) and validity at the current time.</summary>
        [Parameter]
        public SwitchParameter Online { get; set; }

        /// <summary>The time the certificates must be valid at, instead of the data's signedDate.</summary>
        [Parameter]
        public DateTimeOffset? EffectiveDate { get; set; }

        /// <summary>How many seconds one OCSP request (with -Online) may take before the check fails as retryable.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSec { get; set; } = 30;

        /// <summary>The verifier made from the parameters; valid from BeginProcessing on.</summary>
        private protected SignedDataVerifier Verifier => verifier ?? throw new InvalidOperationException("BeginProcessing has not run.");

        protected override void BeginProcessing()
        {
            verifier = SignedDataVerifiers.Create(this, trust.TrustedRoot, BundleId ?? Key?.BundleId, trust.AppAppleId ?? Key?.AppAppleId, Environment, Online, EffectiveDate, TimeSpan.FromSeconds(TimeoutSec), stopping.Token);
        }

        /// <summary>Ctrl+C: the OCSP request under way ends at once, and no other is sent.</summary>
        protected override void StopProcessing() => stopping.Cancel();

        public void Dispose() => stopping.Dispose();

        public object GetDynamicParameters() => trust;

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            SignedDataKind? kind = Type == null ? (SignedDataKind?)null : (SignedDataKind)Enum.Parse(typeof(SignedDataKind), Type, ignoreCase: true);
            foreach (string? signedData in SignedData ?? Array.Empty<string>())
            {
                Process(signedData ?? string.Empty, kind);
            }
        }

        /// <summary>Verifies one piece of signed data and writes what the cmdlet returns for it.</summary>
        private protected abstract void Process(string signedData, SignedDataKind? kind);
    }
}
