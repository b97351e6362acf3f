using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Security.Cryptography;
using AppStoreJws.Errors;
using Microsoft.IdentityModel.Tokens;

namespace AppStoreJws.Keys
{
    /// <summary>A public point read from key text, and the kid a JWK carried.</summary>
    internal readonly struct PublicKeyText
    {
        public PublicKeyText(ECPoint point, string? keyId)
        {
            Point = point;
            KeyId = keyId;
        }

        public ECPoint Point { get; }

        public string? KeyId { get; }
    }

    /// <summary>
    /// Reads an EC P-256 public key from SubjectPublicKeyInfo PEM (RFC 5480, as <see cref="AppStoreKey.PublicKeyPem"/>
    /// writes it), its bare base64, or a JWK (RFC 7517, as <see cref="AppStoreKey.PublicKeyJwk"/> writes it).
    /// </summary>
    internal static class PublicKeyReader
    {
        private const string Expected = "expected an EC P-256 public key as PEM (-----BEGIN PUBLIC KEY-----) or as a JWK ({\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":…,\"y\":…})";

        public static PublicKeyText Read(string text)
        {
            string cleaned = KeyText.Clean(text ?? string.Empty, new List<string>());
            if (cleaned.Length == 0)
            {
                throw new AppStoreJwsException(ErrorIds.PublicKeyEmpty, ErrorKind.InvalidData, $"The public key is empty; {Expected}.");
            }

            if (cleaned[0] == '{')
            {
                return ReadJwk(cleaned);
            }

            List<PemBlock> blocks = KeyEncoding.PemBlocks(cleaned);
            if (blocks.Count > 0)
            {
                return new PublicKeyText(ReadPem(blocks[0]), null);
            }

            return new PublicKeyText(ReadSubjectPublicKeyInfo(DecodeBase64(cleaned)), null);
        }

        /// <summary>Creates the verifier, refusing a point that is not on P-256 (a damaged or forged key).</summary>
        public static ECDsa Import(ECPoint point)
        {
            try
            {
                return PublicPoint.CreateVerifier(point);
            }
            catch (CryptographicException)
            {
                throw new AppStoreJwsException(ErrorIds.PublicKeyInvalidPoint, ErrorKind.InvalidData,
                    $"The public key's point is not on the P-256 curve, so the key is damaged; {Expected}.");
            }
        }

        private static ECPoint ReadPem(PemBlock block)
        {
            string label = block.Label;
            switch (label)
            {
                case KeyEncoding.PublicKeyLabel:
                    if (!block.IsComplete)
                    {
                        throw NotRecognized($"PEM text whose {KeyEncoding.EndLine(label)} line is missing");
                    }

                    return ReadSubjectPublicKeyInfo(DecodeBase64(block.Body));
                case KeyEncoding.Pkcs8Label:
                case KeyEncoding.Sec1Label:
                case KeyEncoding.EncryptedPkcs8Label:
                    throw PrivateKey();
                case KeyEncoding.CertificateLabel:
                    throw NotRecognized("an X.509 certificate (export its public key with: openssl x509 -pubkey -noout -in cert.pem)");
                default:
                    throw NotRecognized($"a PEM block labelled '{label}'");
            }
        }

        private static ECPoint ReadSubjectPublicKeyInfo(byte[] der)
        {
            try
            {
                string algorithmOid = KeyEncoding.OpenSubjectPublicKeyInfo(der, out AsnReader info, out AsnReader algorithm);
                if (algorithmOid != Oids.EcPublicKey)
                {
                    throw new AppStoreJwsException(ErrorIds.PublicKeyWrongAlgorithm, ErrorKind.InvalidData,
                        $"The public key is not an EC key (algorithm OID {algorithmOid}); {Expected}. App Store keys are always EC P-256 (ES256).");
                }

                string curveOid = algorithm.ReadObjectIdentifier();
                if (curveOid != Oids.P256)
                {
                    throw WrongCurve(Oids.CurveName(curveOid));
                }

                byte[] point = info.ReadBitString(out _);
                if (KeyEncoding.TryReadUncompressedPoint(point, out ECPoint q))
                {
                    return q;
                }

                throw NotRecognized(point.Length == 33
                    ? "a compressed EC point (export the key uncompressed, as App Store Connect keys are)"
                    : $"an EC point of {point.Length} bytes where P-256 has 65");
            }
            catch (AsnContentException e)
            {
                throw NotRecognized("data that is not a SubjectPublicKeyInfo structure: " + e.Message);
            }
        }

        private static PublicKeyText ReadJwk(string json)
        {
            JsonWebKey jwk;
            try
            {
                jwk = new JsonWebKey(json);
            }
            catch (ArgumentException)
            {
                throw NotRecognized("text that starts like JSON but is not a valid JWK");
            }

            if (string.IsNullOrEmpty(jwk.Kty))
            {
                throw NotRecognized("a JSON object without kty, so not a JWK (from a JWK Set's \"keys\" array, pass the one key that signed the token)");
            }

            if (!string.Equals(jwk.Kty, "EC", StringComparison.Ordinal))
            {
                throw new AppStoreJwsException(ErrorIds.PublicKeyWrongAlgorithm, ErrorKind.InvalidData,
                    $"The JWK is not an EC key (kty '{jwk.Kty}'); {Expected}. App Store keys are always EC P-256 (ES256).");
            }

            if (!string.Equals(jwk.Crv, "P-256", StringComparison.Ordinal))
            {
                throw WrongCurve($"curve '{jwk.Crv}'");
            }

            if (!string.IsNullOrEmpty(jwk.D))
            {
                throw PrivateKey();
            }

            byte[] x = Coordinate(jwk.X, "x");
            byte[] y = Coordinate(jwk.Y, "y");
            return new PublicKeyText(new ECPoint { X = x, Y = y }, string.IsNullOrEmpty(jwk.Kid) ? null : jwk.Kid);
        }

        private static byte[] Coordinate(string? value, string name)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw NotRecognized($"a JWK without its '{name}' coordinate");
            }

            byte[] bytes = Base64Text.TryDecodeUrl(value!) ?? throw NotRecognized($"a JWK whose '{name}' is not base64url");

            if (bytes.Length != 32)
            {
                throw NotRecognized($"a JWK whose '{name}' is {bytes.Length} bytes where P-256 has 32");
            }

            return bytes;
        }

        private static byte[] DecodeBase64(string text)
        {
            return Base64Text.TryDecode(Base64Text.RemoveWhiteSpace(text)) ?? throw NotRecognized("text that is neither PEM, base64 nor a JWK");
        }

        private static AppStoreJwsException NotRecognized(string found) =>
            new AppStoreJwsException(ErrorIds.PublicKeyNotRecognized, ErrorKind.InvalidData, $"The public key could not be read: found {found}; {Expected}.");

        private static AppStoreJwsException WrongCurve(string found) =>
            new AppStoreJwsException(ErrorIds.PublicKeyWrongCurve, ErrorKind.InvalidData,
                $"The public key is on the wrong curve ({found}); {Expected}. ES256 requires the P-256 curve.");

        private static AppStoreJwsException PrivateKey() =>
            new AppStoreJwsException(ErrorIds.PublicKeyIsPrivateKey, ErrorKind.InvalidArgument,
                "-PublicKey takes a public key, and this is a private key. Pass the private key file with -Path, or a key from Get-AppStoreKey with -Key.");
    }
}
