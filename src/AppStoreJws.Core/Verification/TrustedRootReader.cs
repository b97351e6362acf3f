using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using AppStoreJws.Errors;
using AppStoreJws.Keys;

namespace AppStoreJws.Verification
{
    /// <summary>Reads root certificates to trust from files: DER (.cer, .der) or PEM with one or more certificates.</summary>
    internal static class TrustedRootReader
    {
        // Only whole certificate blocks: a file may hold other PEM blocks (a key, parameters) beside them.
        private static readonly Regex PemCertificate = new Regex(
            Regex.Escape(KeyEncoding.BeginLine(KeyEncoding.CertificateLabel)) + "(.*?)" + Regex.Escape(KeyEncoding.EndLine(KeyEncoding.CertificateLabel)),
            RegexOptions.Singleline | RegexOptions.CultureInvariant);

        public static IList<X509Certificate2> ReadFile(string path)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw new AppStoreJwsException(ErrorIds.TrustedRootNotFound, ErrorKind.ObjectNotFound, $"Cannot read the trusted root file '{path}': {e.Message}", e);
            }

            return Read(bytes, path);
        }

        /// <summary>Certificates from DER bytes or PEM text; <paramref name="source"/> names them in errors.</summary>
        public static IList<X509Certificate2> Read(byte[] bytes, string source)
        {
            List<X509Certificate2> certificates = new List<X509Certificate2>();
            string text = Encoding.ASCII.GetString(bytes);
            MatchCollection blocks = PemCertificate.Matches(text);
            try
            {
                if (blocks.Count > 0)
                {
                    foreach (Match block in blocks)
                    {
                        certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(block.Groups[1].Value.Trim())));
                    }
                }
                else
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
                }
            }
            catch (Exception e) when (e is CryptographicException || e is FormatException)
            {
                throw new AppStoreJwsException(ErrorIds.TrustedRootInvalid, ErrorKind.InvalidData, $"'{source}' is not an X.509 certificate; expected DER (.cer) or PEM (-----BEGIN CERTIFICATE-----).", e);
            }

            return certificates;
        }
    }
}
