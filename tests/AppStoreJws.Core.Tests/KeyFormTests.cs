using System;
using System.Formats.Asn1;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>
    /// The key-form matrix of the one key loader: the damaged and odd forms people paste or save a .p8 key in, each
    /// repaired to the same key or refused with the id that names the problem. The cmdlet's own binding of key text
    /// (-Content, -Path, the pipeline, -EnvironmentVariable) is tested in Pester, with a few of these forms.
    /// </summary>
    public class KeyFormTests
    {
        private const string KeyId = "ABCDE12345";

        private readonly ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        private string Pem => ecdsa.ExportPkcs8PrivateKeyPem();

        // The PEM body alone, as copied from between the BEGIN and END lines.
        private string Body => string.Concat(Pem.Split('\n').Where(line => line.Length > 0 && !line.Contains("-----")));

        [Theory]
        [InlineData("PKCS#8 PEM with LF")]
        [InlineData("PKCS#8 PEM with CRLF")]
        [InlineData("PEM without line breaks")]
        [InlineData("PEM with spaces for line breaks")]
        [InlineData("PEM with literal \\n sequences")]
        [InlineData("PEM in double quotes with literal \\n")]
        [InlineData("PEM in single quotes with whitespace")]
        [InlineData("PEM with a BOM character")]
        [InlineData("the bare base64 body")]
        [InlineData("the base64 of the whole PEM")]
        [InlineData("SEC1 EC PRIVATE KEY PEM")]
        [InlineData("SEC1 after an EC PARAMETERS block")]
        [InlineData("bare base64 of SEC1 DER")]
        public void LoadsEachTextFormAsTheSameKey(string form)
        {
            string text = form switch
            {
                "PKCS#8 PEM with LF" => Pem,
                "PKCS#8 PEM with CRLF" => Pem.Replace("\n", "\r\n"),
                "PEM without line breaks" => Pem.Replace("\n", string.Empty),
                "PEM with spaces for line breaks" => Pem.Replace("\n", " "),
                "PEM with literal \\n sequences" => Pem.Replace("\n", "\\n"),
                "PEM in double quotes with literal \\n" => "\"" + Pem.Replace("\n", "\\n") + "\"",
                "PEM in single quotes with whitespace" => "  '" + Pem + "'\n\n",
                "PEM with a BOM character" => "\uFEFF" + Pem,
                "the bare base64 body" => Body,
                "the base64 of the whole PEM" => Convert.ToBase64String(Encoding.UTF8.GetBytes(Pem)),
                "SEC1 EC PRIVATE KEY PEM" => ecdsa.ExportECPrivateKeyPem(),
                "SEC1 after an EC PARAMETERS block" => "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + ecdsa.ExportECPrivateKeyPem(),
                "bare base64 of SEC1 DER" => Convert.ToBase64String(ecdsa.ExportECPrivateKey()),
                _ => throw new ArgumentOutOfRangeException(nameof(form), form, "No such key form."),
            };

            Assert.Equal(ExpectedThumbprint(), LoadText(text).Thumbprint);
        }

        [Theory]
        [InlineData("UTF-8")]
        [InlineData("UTF-8 with BOM")]
        [InlineData("UTF-16 LE with BOM")]
        [InlineData("UTF-16 BE with BOM")]
        [InlineData("UTF-16 LE without BOM")]
        public void LoadsAFileWrittenInEachEncoding(string encodingName)
        {
            Encoding encoding = encodingName switch
            {
                "UTF-8" => new UTF8Encoding(false),
                "UTF-8 with BOM" => new UTF8Encoding(true),
                "UTF-16 LE with BOM" => new UnicodeEncoding(false, true),
                "UTF-16 BE with BOM" => new UnicodeEncoding(true, true),
                "UTF-16 LE without BOM" => new UnicodeEncoding(false, false),
                _ => throw new ArgumentOutOfRangeException(nameof(encodingName), encodingName, "No such encoding."),
            };
            string folder = Path.Combine(Path.GetTempPath(), "appstorejws-test-" + Guid.NewGuid());
            Directory.CreateDirectory(folder);
            try
            {
                string path = Path.Combine(folder, "AuthKey_ZYXWV98765.p8");
                File.WriteAllText(path, Pem, encoding);

                AppStoreKey key = AppStoreKeyLoader.LoadFile(path, new KeyIdentity(), new KeyLoadReport());

                Assert.Equal(ExpectedThumbprint(), key.Thumbprint);
                Assert.Equal("ZYXWV98765", key.KeyId);
                Assert.Equal(path, key.Source);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Theory]
        [InlineData("Empty", "KeyEmpty", "empty")]
        [InlineData("Garbage", "KeyNotRecognized", "neither PEM nor base64")]
        [InlineData("TruncatedBase64", "KeyTruncated", "incomplete")]
        [InlineData("MissingEnd", "KeyTruncated", "END PRIVATE KEY----- line is missing")]
        [InlineData("TruncatedDer", "KeyTruncated", "ASN.1")]
        [InlineData("Rsa", "KeyWrongAlgorithm", "found an RSA 2048-bit private key; expected an EC P-256 private key")]
        [InlineData("RsaPkcs1", "KeyWrongAlgorithm", "found an RSA 2048-bit private key \\(PKCS#1\\)")]
        [InlineData("P384", "KeyWrongCurve", "found an EC P-384 private key; expected an EC P-256")]
        [InlineData("P521Sec1", "KeyWrongCurve", "found an EC P-521 private key")]
        [InlineData("Encrypted", "KeyIsEncrypted", "encrypted PKCS#8")]
        [InlineData("PublicKey", "KeyIsPublicKey", "public key \\(an EC P-256\\)")]
        [InlineData("PublicKeyBare", "KeyIsPublicKey", "cannot sign")]
        [InlineData("Certificate", "KeyIsCertificate", "certificate")]
        [InlineData("Mismatched", "KeyPublicPointMismatch", "does not belong to its private key")]
        public void RefusesEachBadInputWithTheIdThatNamesIt(string input, string errorId, string says)
        {
            AppStoreJwsException error = Assert.Throws<AppStoreJwsException>(() => LoadText(BadInput(input)));

            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, error.Kind);
            // Case-blind, as PowerShell's -Match is in the binding tests.
            Assert.Matches(new Regex(says, RegexOptions.IgnoreCase), error.Message);
        }

        private string BadInput(string input)
        {
            switch (input)
            {
                case "Empty":
                    return "   ";
                case "Garbage":
                    return "this is not a key at all!";
                case "TruncatedBase64":
                    return Pem.Substring(0, 100) + "\n-----END PRIVATE KEY-----";
                case "MissingEnd":
                    return Pem.Substring(0, Pem.IndexOf("-----END", StringComparison.Ordinal));
                case "TruncatedDer":
                    return "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey().Take(60).ToArray()) + "\n-----END PRIVATE KEY-----";
                case "Rsa":
                    using (RSA rsa = RSA.Create(2048))
                    {
                        return rsa.ExportPkcs8PrivateKeyPem();
                    }

                case "RsaPkcs1":
                    using (RSA rsa = RSA.Create(2048))
                    {
                        return rsa.ExportRSAPrivateKeyPem();
                    }

                case "P384":
                    using (ECDsa p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384))
                    {
                        return p384.ExportPkcs8PrivateKeyPem();
                    }

                case "P521Sec1":
                    using (ECDsa p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521))
                    {
                        return p521.ExportECPrivateKeyPem();
                    }

                case "Encrypted":
                    return ecdsa.ExportEncryptedPkcs8PrivateKeyPem("password", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
                case "PublicKey":
                    return ecdsa.ExportSubjectPublicKeyInfoPem();
                case "PublicKeyBare":
                    return Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo());
                case "Certificate":
                    CertificateRequest request = new CertificateRequest("CN=test", ecdsa, HashAlgorithmName.SHA256);
                    using (X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1)))
                    {
                        return "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(certificate.RawData, Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----";
                    }

                case "Mismatched":
                    return MismatchedSec1Pem();
                default:
                    throw new ArgumentOutOfRangeException(nameof(input), input, "No such bad input.");
            }
        }

        // A SEC1 key whose embedded public point belongs to another key.
        private string MismatchedSec1Pem()
        {
            ECParameters mine = ecdsa.ExportParameters(true);
            ECParameters other;
            using (ECDsa another = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                other = another.ExportParameters(false);
            }

            AsnWriter writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                writer.WriteOctetString(mine.D);
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    writer.WriteObjectIdentifier("1.2.840.10045.3.1.7");
                }

                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    writer.WriteBitString(new byte[] { 4 }.Concat(other.Q.X!).Concat(other.Q.Y!).ToArray());
                }
            }

            return "-----BEGIN EC PRIVATE KEY-----\n" + Convert.ToBase64String(writer.Encode()) + "\n-----END EC PRIVATE KEY-----";
        }

        // The key as loaded from its plain PKCS#8 PEM: every repaired form must come out as this same key.
        private string ExpectedThumbprint() => LoadText(Pem).Thumbprint;

        private static AppStoreKey LoadText(string text) =>
            AppStoreKeyLoader.LoadText(text, "test", new KeyIdentity { KeyId = KeyId }, new KeyLoadReport());
    }
}
