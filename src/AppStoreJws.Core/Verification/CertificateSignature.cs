using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AppStoreJws.Keys;
using AppStoreJws.Signing;

namespace AppStoreJws.Verification
{
    /// <summary>
    /// Checks that one key signed a DER structure (a certificate's tbsCertificate, an OCSP response's
    /// tbsResponseData): ECDSA with SHA-256/384/512 (what Apple uses) and RSA PKCS#1 v1.5 (for other roots).
    /// </summary>
    internal static class CertificateSignature
    {
        /// <summary>True when <paramref name="issuer"/>'s key signed <paramref name="subject"/> and its issuer name is the issuer's subject.</summary>
        public static bool IsIssuedBy(X509Certificate2 subject, X509Certificate2 issuer)
        {
            if (!NamesEqual(subject.IssuerName, issuer.SubjectName))
            {
                return false;
            }

            try
            {
                AsnReader certificate = new AsnReader(subject.RawData, AsnEncodingRules.DER).ReadSequence();
                ReadOnlyMemory<byte> tbs = certificate.ReadEncodedValue();
                string algorithm = certificate.ReadSequence().ReadObjectIdentifier();
                byte[] signature = certificate.ReadBitString(out int unusedBits);
                return unusedBits == 0 && Verify(issuer, algorithm, tbs.ToArray(), signature);
            }
            catch (AsnContentException)
            {
                return false;
            }
        }

        public static bool NamesEqual(X500DistinguishedName left, X500DistinguishedName right) =>
            left.RawData.AsSpan().SequenceEqual(right.RawData);

        /// <summary>Verifies <paramref name="signature"/> (DER for ECDSA) over <paramref name="data"/> with the signer's public key.</summary>
        /// <remarks>A key the platform cannot read (an unknown curve, a broken point) verifies nothing: false, never an exception.</remarks>
        public static bool Verify(X509Certificate2 signer, string algorithmOid, byte[] data, byte[] signature)
        {
            try
            {
                switch (algorithmOid)
                {
                    case Oids.EcdsaWithSha256: return VerifyEcdsa(signer, HashAlgorithmName.SHA256, data, signature);
                    case Oids.EcdsaWithSha384: return VerifyEcdsa(signer, HashAlgorithmName.SHA384, data, signature);
                    case Oids.EcdsaWithSha512: return VerifyEcdsa(signer, HashAlgorithmName.SHA512, data, signature);
                    case Oids.Sha256WithRsa: return VerifyRsa(signer, HashAlgorithmName.SHA256, data, signature);
                    case Oids.Sha384WithRsa: return VerifyRsa(signer, HashAlgorithmName.SHA384, data, signature);
                    case Oids.Sha512WithRsa: return VerifyRsa(signer, HashAlgorithmName.SHA512, data, signature);
                    default: return false;
                }
            }
            catch (Exception e) when (ChainEvaluation.IsCertificateFailure(e))
            {
                return false;
            }
        }

        private static bool VerifyEcdsa(X509Certificate2 signer, HashAlgorithmName hash, byte[] data, byte[] der)
        {
            using (ECDsa? key = signer.GetECDsaPublicKey())
            {
                if (key == null)
                {
                    return false;
                }

                int coordinateLength = (key.KeySize + 7) / 8;
                return DerSignature.TryToP1363(der, coordinateLength, out byte[] p1363) && key.VerifyData(data, p1363, hash);
            }
        }

        private static bool VerifyRsa(X509Certificate2 signer, HashAlgorithmName hash, byte[] data, byte[] signature)
        {
            using (RSA? key = signer.GetRSAPublicKey())
            {
                return key != null && key.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
            }
        }
    }
}
