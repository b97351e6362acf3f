using System.IO;
using System.Security.Cryptography.X509Certificates;

namespace AppStoreJws.Verification
{
    /// <summary>The root Apple signs its App Store data under, shipped inside the module.</summary>
    internal static class AppleRootCertificates
    {
        /// <summary>SHA-256 of the DER of Apple Root CA - G3, as Apple publishes it (valid 2014-04-30 to 2039-04-30).</summary>
        public const string AppleRootCaG3Sha256 = "63343ABFB89A6A03EBB57E9B3F5FA7BE7C4F5C756F3017B3A8C488C3653E9179";

        private const string ResourceName = "AppStoreJws.Verification.AppleRootCA-G3.cer";

        /// <summary>A new copy of Apple Root CA - G3 (each caller owns its certificate object).</summary>
        public static X509Certificate2 LoadAppleRootCaG3()
        {
            using (Stream stream = typeof(AppleRootCertificates).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new FileNotFoundException("The embedded Apple Root CA - G3 is missing from the assembly.", ResourceName))
            using (MemoryStream copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                return X509CertificateLoader.LoadCertificate(copy.ToArray());
            }
        }
    }
}
