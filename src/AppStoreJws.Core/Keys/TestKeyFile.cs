using System;
using System.Formats.Asn1;
using System.IO;
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
    internal static class TestKeyFile
    {
        private const string KeyIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

        /// <summary>The name App Store Connect gives a key's file, which the key loader reads the key ID from.</summary>
        public static string FileName(string keyId) => $"AuthKey_{keyId}.p8";

        /// <summary>
        /// Checks a test key's key ID and issuer ID before anything is written, and returns the file it would be
        /// written to in <paramref name="folder"/> (what -WhatIf names).
        /// </summary>
        public static string Target(string folder, string keyId, string? issuerId)
        {
            AppStoreIdentifiers.ValidateKeyId(keyId);
            if (issuerId != null)
            {
                AppStoreIdentifiers.ValidateIssuerId(issuerId);
            }

            return Path.Combine(folder, FileName(keyId));
        }

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

        /// <summary>
        /// Writes a new key to <paramref name="folder"/>/AuthKey_<paramref name="keyId"/>.p8 and returns the path.
        /// The file is created exclusively (O_CREAT|O_EXCL, which never follows a link) and owner-only in the same
        /// call; with <paramref name="overwrite"/>, whatever is at that name, a symbolic link included, is removed
        /// first (the link itself, never the file it points to).
        /// </summary>
        public static string Write(string folder, string keyId, bool overwrite)
        {
            AppStoreIdentifiers.ValidateKeyId(keyId);
            string path;
            try
            {
                path = Path.GetFullPath(Path.Combine(folder, FileName(keyId)));
                Directory.CreateDirectory(folder);
                if (overwrite && Exists(path))
                {
                    if (Directory.Exists(path) && (File.GetAttributes(path) & FileAttributes.ReparsePoint) == 0)
                    {
                        throw new AppStoreJwsException(ErrorIds.TestKeyFileExists, ErrorKind.ResourceExists,
                            $"'{path}' is a folder; -Force replaces a file or a link, never a folder. Choose another -KeyId or -Folder.");
                    }

                    // File.Delete unlinks: on a symbolic link it removes the link, not its target.
                    File.Delete(path);
                }
            }
            catch (Exception e) when (IsPathProblem(e))
            {
                throw NotWritten(folder, e);
            }

            string pem;
            using (ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            {
                pem = ToPkcs8Pem(ecdsa.ExportParameters(includePrivateParameters: true));
            }

            byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(pem);
            try
            {
                using (FileStream stream = CreateOwnerOnly(path))
                {
                    stream.Write(bytes, 0, bytes.Length);
                }
            }
            catch (IOException e) when (Exists(path) && !(e is PathTooLongException))
            {
                throw new AppStoreJwsException(ErrorIds.TestKeyFileExists, ErrorKind.ResourceExists,
                    $"'{path}' already exists (a file or a link); pass -Force to replace it, or choose another -KeyId or -Folder.", e);
            }
            catch (Exception e) when (IsPathProblem(e))
            {
                throw NotWritten(folder, e);
            }

            return path;
        }

        // True also for a dangling symbolic link, which File.Exists reports as absent.
        private static bool Exists(string path) =>
            File.Exists(path) || Directory.Exists(path) || IsLink(path);

        private static bool IsLink(string path)
        {
            try
            {
                return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static bool IsPathProblem(Exception e) =>
            e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException;

        private static AppStoreJwsException NotWritten(string folder, Exception e)
        {
            string shown = folder.Length > 200 ? folder.Substring(0, 200) + $"... ({folder.Length} characters)" : folder;
            shown = shown.Replace("\0", "\\0");
            string reason = e is PathTooLongException ? "the path is too long." : e.Message.Length > 300 ? e.Message.Substring(0, 300) + "..." : e.Message;
            return new AppStoreJwsException(ErrorIds.TestKeyFileNotWritten, ErrorKind.InvalidArgument,
                $"The test key could not be written in the folder '{shown}': {reason} Give -Folder an existing or creatable folder path.", e);
        }

        /// <summary>
        /// Opens a new file for writing with CreateNew (fails if anything, a link included, is at the name) and, on
        /// Unix, mode 0600 given to open() itself: there is no moment in which the file is readable by others.
        /// </summary>
        private static FileStream CreateOwnerOnly(string path)
        {
            FileStreamOptions options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Windows has no Unix modes; the folder's ACL applies there.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new FileStream(path, options);
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
                KeyEncoding.WriteEcP256Algorithm(privateKeyInfo);

                privateKeyInfo.WriteOctetString(ecPrivateKey.Encode());
            }

            return KeyEncoding.Armor(KeyEncoding.Pkcs8Label, privateKeyInfo.Encode()) + "\n";
        }
    }
}
