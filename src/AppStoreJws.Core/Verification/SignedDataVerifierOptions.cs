using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AppStoreJws.Errors;

namespace AppStoreJws.Verification
{
    /// <summary>
    /// What a <see cref="SignedDataVerifier"/> trusts and expects. Only what is set is checked: a null
    /// <see cref="BundleId"/> accepts any bundle ID. Call <see cref="Validate"/> (the verifier does) before use.
    /// </summary>
    internal sealed class SignedDataVerifierOptions
    {
        /// <summary>The environments Apple names in its payloads, spelled as Apple spells them.</summary>
        public static readonly IReadOnlyList<string> Environments = new[] { "Production", "Sandbox", "Xcode", "LocalTesting" };

        /// <summary>The roots a chain must end in; Apple Root CA - G3 unless replaced. The root a token carries is never trusted.</summary>
        public IList<X509Certificate2> TrustedRoots { get; set; } = new List<X509Certificate2> { AppleRootCertificates.LoadAppleRootCaG3() };

        /// <summary>The app's bundle ID the payload must name.</summary>
        public string? BundleId { get; set; }

        /// <summary>The app's Apple ID (a number) the payload must name; required when <see cref="Environment"/> is Production.</summary>
        public long? AppAppleId { get; set; }

        /// <summary>Production, Sandbox, Xcode or LocalTesting. Xcode and LocalTesting data is decoded without the chain check.</summary>
        public string? Environment { get; set; }

        /// <summary>Checks leaf and intermediate by OCSP, and checks validity now instead of at the payload's signedDate.</summary>
        public bool Online { get; set; }

        /// <summary>The time certificates must be valid at, instead of the payload's signedDate (or now, online).</summary>
        public DateTimeOffset? EffectiveDate { get; set; }

        /// <summary>How long one OCSP request may take before the check fails as retryable.</summary>
        public TimeSpan OcspTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Cancels OCSP requests under way (Ctrl+C on the cmdlet); a cancelled check fails as retryable.</summary>
        public CancellationToken Cancellation { get; set; }

        /// <summary>True when the expected environment is one whose data the App Store does not sign (Xcode, LocalTesting).</summary>
        public bool ExpectsUnsignedEnvironment => Environment == "Xcode" || Environment == "LocalTesting";

        /// <summary>Checks the options and spells the environment as Apple does; throws <see cref="AppStoreJwsException"/> with a fixable message.</summary>
        public void Validate()
        {
            if (TrustedRoots == null || TrustedRoots.Count == 0)
            {
                throw new AppStoreJwsException(ErrorIds.TrustedRootMissing, ErrorKind.InvalidArgument, "No trusted root was given; expected at least one root certificate (Apple Root CA - G3 is the default).");
            }

            if (Environment != null)
            {
                string? canonical = null;
                foreach (string name in Environments)
                {
                    if (string.Equals(name, Environment, StringComparison.OrdinalIgnoreCase))
                    {
                        canonical = name;
                    }
                }

                Environment = canonical ?? throw new AppStoreJwsException(ErrorIds.EnvironmentUnknown, ErrorKind.InvalidArgument, $"The environment '{Environment}' is not one Apple names; expected {string.Join(", ", Environments)}.");
            }

            if (Environment == "Production" && AppAppleId == null)
            {
                throw new AppStoreJwsException(ErrorIds.AppAppleIdRequired, ErrorKind.InvalidArgument, "The Production environment needs the app's Apple ID (-AppAppleId, the number in the app's App Store URL) so production data can be tied to the app; none was given.");
            }

            // A transaction carries no appAppleId: in production only the bundle ID ties it to the app.
            if (Environment == "Production" && BundleId == null)
            {
                throw new AppStoreJwsException(ErrorIds.BundleIdRequired, ErrorKind.InvalidArgument, "The Production environment needs the app's bundle ID (-BundleId, or a key read with Get-AppStoreKey -BundleId) so production transactions can be tied to the app: a transaction names no Apple ID, only its bundle ID. None was given.");
            }

            if (AppAppleId != null && AppAppleId <= 0)
            {
                throw new AppStoreJwsException(ErrorIds.AppAppleIdInvalid, ErrorKind.InvalidArgument, $"The app's Apple ID is {AppAppleId}; expected a positive number (the id in the app's App Store URL).");
            }

            if (OcspTimeout <= TimeSpan.Zero)
            {
                throw new AppStoreJwsException(ErrorIds.OcspTimeoutInvalid, ErrorKind.InvalidArgument, $"The OCSP timeout is {OcspTimeout}; expected a positive time.");
            }
        }
    }
}
