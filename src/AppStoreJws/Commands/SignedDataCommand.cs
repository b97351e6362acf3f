using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// What every cmdlet that verifies Apple's signed data shares: the trust and expectation parameters
    /// (-TrustedRoot, -BundleId, -AppAppleId, -Environment, -Online, -EffectiveDate, -TimeoutSec) and one
    /// <see cref="SignedDataVerifier"/> per invocation, made in BeginProcessing (an unusable option is a
    /// terminating error), so chains are parsed and verified once for the whole pipeline. Ctrl+C cancels the
    /// OCSP requests under way.
    /// </summary>
    public abstract class SignedDataCommand : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();

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

        /// <summary>Roots to trust instead of Apple Root CA - G3: certificate objects, or DER/PEM files.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public object[]? TrustedRoot { get; set; }

        /// <summary>The app's bundle ID the data must name; defaults to -Key's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? BundleId { get; set; }

        /// <summary>The app's key from Get-AppStoreKey: only its bundle ID and app Apple ID are read, as the defaults of -BundleId and -AppAppleId.</summary>
        [Parameter]
        [AppStoreKeyTransformation]
        public AppStoreKey? Key { get; set; }

        /// <summary>The app's Apple ID the data must name; required with -Environment Production.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long? AppAppleId { get; set; }

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
            verifier = CreateVerifier(this, TrustedRoot, BundleId ?? Key?.BundleId, AppAppleId ?? Key?.AppAppleId, Environment, Online, EffectiveDate, TimeSpan.FromSeconds(TimeoutSec), stopping.Token);
        }

        /// <summary>Ctrl+C: the OCSP request under way ends at once, and no other is sent.</summary>
        protected override void StopProcessing() => stopping.Cancel();

        public void Dispose() => stopping.Dispose();

        /// <summary>
        /// Builds a verifier from the shared parameters for any cmdlet (also ones with another base class); reports
        /// an unusable option as a terminating error of <paramref name="cmdlet"/>.
        /// </summary>
        internal static SignedDataVerifier CreateVerifier(PSCmdlet cmdlet, object[]? trustedRoot, string? bundleId, long? appAppleId, string? environment, bool online, DateTimeOffset? effectiveDate,
            TimeSpan? ocspTimeout = null, CancellationToken cancellation = default)
        {
            try
            {
                SignedDataVerifierOptions options = new SignedDataVerifierOptions
                {
                    BundleId = bundleId,
                    AppAppleId = appAppleId,
                    Environment = environment,
                    Online = online,
                    EffectiveDate = effectiveDate,
                    Cancellation = cancellation,
                };
                if (ocspTimeout != null)
                {
                    options.OcspTimeout = ocspTimeout.Value;
                }

                if (trustedRoot != null)
                {
                    options.TrustedRoots = ReadRoots(cmdlet, trustedRoot);
                }

                return new SignedDataVerifier(options);
            }
            catch (AppStoreJwsException e)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(e, trustedRoot));
                throw;
            }
        }

        /// <summary>The error record of one input that did not verify (non-terminating; the next input is still verified).</summary>
        public static ErrorRecord ErrorFor(AppStoreJwsException exception, string signedData)
        {
            ErrorRecord record = ErrorRecords.From(exception, signedData.Length > 80 ? signedData.Substring(0, 80) + "…" : signedData);
            if (SignedDataVerifier.IsRetryable(exception.ErrorId))
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = "Retry later: the revocation check could not reach its OCSP responder." };
            }

            return record;
        }

        private static IList<X509Certificate2> ReadRoots(PSCmdlet cmdlet, object[] values)
        {
            List<X509Certificate2> roots = new List<X509Certificate2>();
            foreach (object value in values)
            {
                object item = value is PSObject wrapped ? wrapped.BaseObject : value;
                switch (item)
                {
                    case X509Certificate2 certificate:
                        roots.Add(certificate);
                        break;
                    case X509Certificate certificate:
                        roots.Add(new X509Certificate2(certificate));
                        break;
                    case byte[] der:
                        roots.AddRange(TrustedRootReader.Read(der, "-TrustedRoot bytes"));
                        break;
                    case FileInfo file:
                        roots.AddRange(TrustedRootReader.ReadFile(file.FullName));
                        break;
                    case string path:
                        roots.AddRange(TrustedRootReader.ReadFile(ProviderPaths.Resolve(cmdlet, path, "-TrustedRoot")));
                        break;
                    default:
                        throw new AppStoreJwsException(ErrorIds.TrustedRootInvalid, ErrorKind.InvalidArgument, $"-TrustedRoot got a {item?.GetType().FullName ?? "null"}; expected X509Certificate2 objects or paths of DER or PEM certificate files.");
                }
            }

            return roots;
        }

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
