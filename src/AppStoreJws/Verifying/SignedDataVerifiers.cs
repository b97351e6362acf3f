using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AppStoreJws.Commands;
using AppStoreJws.Verification;

namespace AppStoreJws.Verifying
{
    /// <summary>
    /// The one home of what every cmdlet that verifies Apple's signed data needs from the cmdlet layer, whatever its
    /// base: a <see cref="SignedDataVerifier"/> built from its trust parameters (an unusable option is a terminating error
    /// of that cmdlet), and the error record of one input that did not verify.
    /// </summary>
    internal static class SignedDataVerifiers
    {
        /// <summary>The run's verifier; reports an unusable option as a terminating error of <paramref name="cmdlet"/>.</summary>
        public static SignedDataVerifier Create(PSCmdlet cmdlet, object[]? trustedRoot, string? bundleId, long? appAppleId, string? environment, bool online, DateTimeOffset? effectiveDate,
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
    }
}
