using System;
using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using AppStoreJws.Errors;
using AppStoreJws.Keys;

namespace AppStoreJws.Verification
{
    /// <summary>What the chain checks read from a certificate: extensions, CA flag, OCSP responder, a short name for messages.</summary>
    internal static class CertificateFacts
    {
        public static bool HasExtension(X509Certificate2 certificate, string oid)
        {
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension.Oid?.Value == oid)
                {
                    return true;
                }
            }

            return false;
        }

        public static bool IsCertificateAuthority(X509Certificate2 certificate)
        {
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension is X509BasicConstraintsExtension constraints)
                {
                    return constraints.CertificateAuthority;
                }
            }

            return false;
        }

        /// <summary>The first OCSP responder URL of the Authority Information Access extension, or null.</summary>
        public static string? OcspResponder(X509Certificate2 certificate)
        {
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension.Oid?.Value != Oids.AuthorityInformationAccess)
                {
                    continue;
                }

                try
                {
                    AsnReader descriptions = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
                    while (descriptions.HasData)
                    {
                        AsnReader description = descriptions.ReadSequence();
                        string method = description.ReadObjectIdentifier();
                        Asn1Tag uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
                        if (method == Oids.OcspAccessMethod && description.PeekTag().HasSameClassAndValue(uriTag))
                        {
                            return description.ReadCharacterString(UniversalTagNumber.IA5String, uriTag);
                        }
                    }
                }
                catch (AsnContentException)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>The certificate's common name, or its whole subject when it has none: enough to tell certificates apart in a message.</summary>
        public static string Describe(X509Certificate2 certificate)
        {
            string name = certificate.GetNameInfo(X509NameType.SimpleName, false);
            return "'" + UntrustedText.Quote(string.IsNullOrEmpty(name) ? certificate.Subject : name) + "'";
        }

        public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }
}
