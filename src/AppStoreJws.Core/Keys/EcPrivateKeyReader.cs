using System;
using System.Formats.Asn1;
using System.Numerics;
using AppStoreJws.Errors;

namespace AppStoreJws.Keys
{
    /// <summary>The parts of a P-256 private key that signing needs, as found in the key's ASN.1 (the reader refuses other curves).</summary>
    internal sealed class EcPrivateKeyParts
    {
        public EcPrivateKeyParts(byte[] privateScalar, byte[]? publicPoint)
        {
            PrivateScalar = privateScalar;
            PublicPoint = publicPoint;
        }

        public byte[] PrivateScalar { get; }

        /// <summary>The SEC1 encoded public point embedded in the key, when the key carries one.</summary>
        public byte[]? PublicPoint { get; }
    }

    /// <summary>
    /// Reads PKCS#8 (RFC 5208/5958) and SEC1 (RFC 5915) EC private keys with System.Formats.Asn1, and
    /// recognises the other things people pass instead (RSA keys, other curves, encrypted keys, public
    /// keys, certificates) so each gets its own error.
    /// </summary>
    internal static class EcPrivateKeyReader
    {
        internal static readonly string Expected =
            $"expected an EC P-256 private key in PKCS#8 form ({KeyEncoding.BeginLine(KeyEncoding.Pkcs8Label)}), as in the AuthKey_<KEYID>.p8 file from App Store Connect";

        public static EcPrivateKeyParts ReadPkcs8(byte[] der) => Guard(() => ReadPkcs8Core(der));

        public static EcPrivateKeyParts ReadSec1(byte[] der) => Guard(() => ReadSec1Core(der, curveOidFromAlgorithm: null));

        /// <summary>Reads DER of unknown kind (a bare base64 body with no PEM label) by looking at its structure.</summary>
        public static EcPrivateKeyParts ReadUnlabelled(byte[] der) => Guard(() =>
        {
            AsnReader outer = new AsnReader(der, AsnEncodingRules.DER);
            AsnReader sequence = outer.ReadSequence();
            Asn1Tag first = sequence.PeekTag();
            if (first.HasSameClassAndValue(Asn1Tag.Integer))
            {
                BigInteger version = sequence.ReadInteger();
                Asn1Tag second = sequence.PeekTag();
                if (second.HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    return ReadPkcs8Core(der);
                }

                if (version == 1 && second.HasSameClassAndValue(Asn1Tag.PrimitiveOctetString))
                {
                    return ReadSec1Core(der, curveOidFromAlgorithm: null);
                }

                if (second.HasSameClassAndValue(Asn1Tag.Integer))
                {
                    throw WrongAlgorithm($"an RSA {RsaBits(sequence.ReadIntegerBytes().Span)}-bit private key (PKCS#1)");
                }
            }
            else if (first.HasSameClassAndValue(Asn1Tag.Sequence))
            {
                sequence.ReadSequence();
                Asn1Tag second = sequence.PeekTag();
                if (second.HasSameClassAndValue(Asn1Tag.PrimitiveOctetString))
                {
                    throw Encrypted();
                }

                if (second.HasSameClassAndValue(Asn1Tag.PrimitiveBitString))
                {
                    return ReadPublicKeyInfo(der);
                }

                if (second.HasSameClassAndValue(Asn1Tag.Sequence))
                {
                    throw Certificate();
                }
            }

            throw NotRecognized("DER data that is not a key structure");
        });

        /// <summary>Describes a SubjectPublicKeyInfo and refuses it: a public key cannot sign.</summary>
        public static EcPrivateKeyParts ReadPublicKeyInfo(byte[] der) => Guard<EcPrivateKeyParts>(() =>
        {
            string algorithmOid = KeyEncoding.OpenSubjectPublicKeyInfo(der, out _, out AsnReader algorithm);
            string found = DescribeAlgorithm(algorithmOid, algorithm, sequence: null);
            throw new AppStoreJwsException(ErrorIds.KeyIsPublicKey, ErrorKind.InvalidData,
                $"The key is a public key ({found}); {Expected}. A public key cannot sign: use the private key file downloaded from App Store Connect.");
        });

        public static AppStoreJwsException Encrypted() =>
            new AppStoreJwsException(ErrorIds.KeyIsEncrypted, ErrorKind.InvalidData,
                $"The key is an encrypted PKCS#8 key (-----BEGIN ENCRYPTED PRIVATE KEY-----); {Expected}, which is not encrypted. " +
                "Decrypt it first, for example: openssl pkcs8 -in encrypted.p8 -out AuthKey_<KEYID>.p8.");

        public static AppStoreJwsException Certificate() =>
            new AppStoreJwsException(ErrorIds.KeyIsCertificate, ErrorKind.InvalidData,
                $"The key is an X.509 certificate; {Expected}. A certificate holds only a public key and cannot sign.");

        public static AppStoreJwsException NotRecognized(string found) =>
            new AppStoreJwsException(ErrorIds.KeyNotRecognized, ErrorKind.InvalidData, $"The key could not be read: found {found}; {Expected}.");

        public static AppStoreJwsException Truncated(string detail) =>
            new AppStoreJwsException(ErrorIds.KeyTruncated, ErrorKind.InvalidData,
                $"The key data is incomplete ({detail}); {Expected}. Copy the whole file, from {KeyEncoding.BeginLine(KeyEncoding.Pkcs8Label)} to {KeyEncoding.EndLine(KeyEncoding.Pkcs8Label)}.");

        private static EcPrivateKeyParts ReadPkcs8Core(byte[] der)
        {
            AsnReader sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            sequence.ReadInteger();
            AsnReader algorithm = sequence.ReadSequence();
            string algorithmOid = algorithm.ReadObjectIdentifier();
            if (algorithmOid != Oids.EcPublicKey)
            {
                throw WrongAlgorithm(DescribeAlgorithm(algorithmOid, algorithm, sequence) + " private key");
            }

            string curveOid = algorithm.ReadObjectIdentifier();
            if (curveOid != Oids.P256)
            {
                throw WrongCurve(curveOid);
            }

            byte[] inner = sequence.ReadOctetString();
            return ReadSec1Core(inner, curveOid);
        }

        private static EcPrivateKeyParts ReadSec1Core(byte[] der, string? curveOidFromAlgorithm)
        {
            AsnReader sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            if (sequence.ReadInteger() != 1)
            {
                throw NotRecognized("an EC private key structure with an unknown version");
            }

            byte[] scalar = sequence.ReadOctetString();
            string? curveOid = curveOidFromAlgorithm;
            byte[]? publicPoint = null;
            Asn1Tag parametersTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            Asn1Tag publicKeyTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(parametersTag))
            {
                string embeddedCurve = sequence.ReadSequence(parametersTag).ReadObjectIdentifier();
                if (curveOid != null && curveOid != embeddedCurve)
                {
                    throw NotRecognized("a key whose two curve identifiers disagree");
                }

                curveOid = embeddedCurve;
            }

            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(publicKeyTag))
            {
                publicPoint = sequence.ReadSequence(publicKeyTag).ReadBitString(out _);
            }

            if (curveOid == null)
            {
                throw NotRecognized("an EC private key that does not name its curve");
            }

            if (curveOid != Oids.P256)
            {
                throw WrongCurve(curveOid);
            }

            return new EcPrivateKeyParts(FixedLengthScalar(scalar), publicPoint);
        }

        /// <summary>Encoders differ on leading zeros; the signer needs the scalar as exactly 32 bytes.</summary>
        private static byte[] FixedLengthScalar(byte[] scalar)
        {
            int start = 0;
            while (start < scalar.Length - 1 && scalar[start] == 0 && scalar.Length - start > 32)
            {
                start++;
            }

            int length = scalar.Length - start;
            if (length > 32 || length == 0)
            {
                throw NotRecognized($"a {length}-byte private scalar where P-256 has 32 bytes");
            }

            byte[] result = new byte[32];
            Buffer.BlockCopy(scalar, start, result, 32 - length, length);
            return result;
        }

        private static string DescribeAlgorithm(string oid, AsnReader algorithm, AsnReader? sequence)
        {
            switch (oid)
            {
                case Oids.EcPublicKey:
                    return algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier)
                        ? "an EC " + Oids.CurveName(algorithm.ReadObjectIdentifier())
                        : "an EC";
                case Oids.Rsa:
                case Oids.RsaPss:
                    return sequence != null ? $"an RSA {RsaBitsFromPkcs8(sequence)}-bit" : "an RSA";
                case Oids.Ed25519: return "an Ed25519";
                case Oids.Ed448: return "an Ed448";
                case Oids.X25519: return "an X25519";
                case Oids.X448: return "an X448";
                case Oids.Dsa: return "a DSA";
                default: return $"a key with algorithm OID {oid}";
            }
        }

        private static int RsaBitsFromPkcs8(AsnReader sequence)
        {
            try
            {
                AsnReader rsa = new AsnReader(sequence.ReadOctetString(), AsnEncodingRules.DER).ReadSequence();
                rsa.ReadInteger();
                return RsaBits(rsa.ReadIntegerBytes().Span);
            }
            catch (AsnContentException)
            {
                return 0;
            }
        }

        private static int RsaBits(ReadOnlySpan<byte> modulus)
        {
            int start = 0;
            while (start < modulus.Length && modulus[start] == 0)
            {
                start++;
            }

            if (start == modulus.Length)
            {
                return 0;
            }

            int bits = (modulus.Length - start) * 8;
            for (byte top = modulus[start]; (top & 0x80) == 0; top <<= 1)
            {
                bits--;
            }

            return bits;
        }

        private static AppStoreJwsException WrongAlgorithm(string found) =>
            new AppStoreJwsException(ErrorIds.KeyWrongAlgorithm, ErrorKind.InvalidData,
                $"The key is the wrong kind: found {found}; {Expected}. App Store keys are always EC P-256 (ES256).");

        private static AppStoreJwsException WrongCurve(string curveOid) =>
            new AppStoreJwsException(ErrorIds.KeyWrongCurve, ErrorKind.InvalidData,
                $"The key is on the wrong curve: found an EC {Oids.CurveName(curveOid)} private key; {Expected}. ES256 requires the P-256 curve.");

        private static T Guard<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (AsnContentException e)
            {
                throw Truncated("its ASN.1 structure ends early or is malformed: " + e.Message);
            }
            catch (ArgumentException)
            {
                throw NotRecognized("data that is not ASN.1 DER");
            }
        }
    }
}
