using System;
using System.Formats.Asn1;
using System.IO;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using AppStoreJws.Errors;

namespace AppStoreJws.Keys
{
    /// <summary>
    /// Makes throwaway keys shaped like App Store Connect's: a fresh P-256 key in an AuthKey_KEYID.p8 file
    /// (unencrypted PKCS#8 PEM with the public key embedded, UTF-8 without BOM). Apple has never seen these
    /// keys, so they are for tests and demonstrations only.
    /// </summary>
    public static class TestKeyFile
    {
        private const string KeyIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

        public static string NewKeyId()
        {
            byte[] bytes = new byte[10];
            char[] id = new char[10];
            Random.GetBytes(bytes);
            for (int i = 0; i < id.Length; i++)
            {
                // 256 % 36 leaves a slight bias; irrelevant for a test key's name.
                id[i] = KeyIdAlphabet[bytes[i] % KeyIdAlphabet.Length];
            }

            return new string(id);
        }

        /// <summary>Writes a new key to <paramref name="folder"/>/AuthKey_<paramref name="keyId"/>.p8 and returns the path.</summary>
        public static string Write(string folder, string keyId, bool overwrite)
        {
            AppStoreIdentifiers.ValidateKeyId(keyId);
            string path = Path.Combine(folder, $"AuthKey_{keyId}.p8");
            if (File.Exists(path) && !overwrite)
            {
                throw new AppStoreJwsException("TestKeyFileExists", ErrorKind.ResourceExists,
                    $"The file '{path}' already exists; pass -Force to replace it, or choose another -KeyId or -Folder.");
            }

            Directory.CreateDirectory(folder);
            string pem;
            using (ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                pem = ToPkcs8Pem(ecdsa.ExportParameters(includePrivateParameters: true));
            }

            // The file is made empty and owner-only before the key is written into it.
            File.WriteAllBytes(path, new byte[0]);
            RestrictToOwner(path);
            File.WriteAllText(path, pem, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return path;
        }

        private static string ToPkcs8Pem(ECParameters parameters)
        {
            AsnWriter ecPrivateKey = new AsnWriter(AsnEncodingRules.DER);
            using (ecPrivateKey.PushSequence())
            {
                ecPrivateKey.WriteInteger(1);
                ecPrivateKey.WriteOctetString(parameters.D);
                using (ecPrivateKey.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    ecPrivateKey.WriteBitString(KeyEncoding.UncompressedPoint(parameters.Q));
                }
            }

            AsnWriter privateKeyInfo = new AsnWriter(AsnEncodingRules.DER);
            using (privateKeyInfo.PushSequence())
            {
                privateKeyInfo.WriteInteger(0);
                using (privateKeyInfo.PushSequence())
                {
                    privateKeyInfo.WriteObjectIdentifier(EcPrivateKeyReader.EcPublicKeyOid);
                    privateKeyInfo.WriteObjectIdentifier(EcPrivateKeyReader.P256Oid);
                }

                privateKeyInfo.WriteOctetString(ecPrivateKey.Encode());
            }

            return KeyEncoding.Armor(KeyEncoding.Pkcs8Label, privateKeyInfo.Encode()) + "\n";
        }

        /// <summary>chmod 600 where the platform has Unix file modes (File.SetUnixFileMode, .NET 7 and later).</summary>
        private static void RestrictToOwner(string path)
        {
            if (Path.DirectorySeparatorChar != '/')
            {
                return;
            }

            Type? modeType = Type.GetType("System.IO.UnixFileMode, System.Runtime", throwOnError: false);
            MethodInfo? setMode = modeType == null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), modeType });
            if (setMode != null)
            {
                const int UserReadWrite = 0x100 | 0x80;
                setMode.Invoke(null, new[] { path, Enum.ToObject(modeType!, UserReadWrite) });
            }
        }
    }
}
