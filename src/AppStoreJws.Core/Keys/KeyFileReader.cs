using System;
using System.IO;
using System.Runtime.InteropServices;
using AppStoreJws.Errors;

namespace AppStoreJws.Keys
{
    /// <summary>
    /// The one place that reads a key or public-key file: it refuses anything that is not a regular file
    /// before opening it (a FIFO would block in open(), a device would stream forever) and reads at most
    /// the cap plus one byte, because a file's reported length cannot be trusted for special files.
    /// </summary>
    internal static class KeyFileReader
    {
        // A .p8 file is a few hundred bytes; anything far larger is not a key and is not read whole.
        public const int MaximumKeyFileBytes = 64 * 1024;

        private const int FileTypeMask = 0xF000;
        private const int RegularFileType = 0x8000;

        public static byte[] Read(string path)
        {
            if (Directory.Exists(path))
            {
                throw new AppStoreJwsException(ErrorIds.KeyPathIsDirectory, ErrorKind.InvalidArgument,
                    $"The key path '{path}' is a folder. Expected the AuthKey_<KEYID>.p8 file inside it.");
            }

            bool exists = File.Exists(path);
            if (!exists || IsLink(path) && !TargetExists(path))
            {
                if (exists || IsLink(path))
                {
                    throw new AppStoreJwsException(ErrorIds.KeyFileLinkBroken, ErrorKind.ObjectNotFound,
                        $"The key path '{path}' is a link whose target does not exist. Expected the AuthKey_<KEYID>.p8 file downloaded from App Store Connect.");
                }

                throw new AppStoreJwsException(ErrorIds.KeyFileNotFound, ErrorKind.ObjectNotFound,
                    $"The key file '{path}' does not exist. Expected the AuthKey_<KEYID>.p8 file downloaded from App Store Connect.");
            }

            int? fileType = UnixFileType(path);
            if (fileType.HasValue && fileType.Value != -1 && fileType.Value != RegularFileType)
            {
                throw new AppStoreJwsException(ErrorIds.KeyFileNotRegular, ErrorKind.InvalidArgument,
                    $"The key path '{path}' is a {DescribeFileType(fileType.Value)}, not a regular file. Expected the AuthKey_<KEYID>.p8 file downloaded from App Store Connect.");
            }

            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
                {
                    byte[] buffer = new byte[MaximumKeyFileBytes + 1];
                    int total = 0;
                    int read;
                    while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
                    {
                        total += read;
                    }

                    if (total > MaximumKeyFileBytes)
                    {
                        throw EcPrivateKeyReader.NotRecognized($"a file of more than {MaximumKeyFileBytes} bytes, far larger than a key file (a few hundred bytes)");
                    }

                    byte[] content = new byte[total];
                    Buffer.BlockCopy(buffer, 0, content, 0, total);
                    return content;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
            {
                throw new AppStoreJwsException(ErrorIds.KeyFileUnreadable, ErrorKind.InvalidArgument,
                    $"The key file '{path}' could not be read: {e.Message}", e);
            }
        }

        private static bool IsLink(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return (int)info.Attributes != -1 && (info.Attributes & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return false;
            }
        }

        // stat(2) follows the link; where the native shim is unavailable, opening the file will tell.
        private static bool TargetExists(string path) =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || UnixFileType(path) != -1;

        private static string DescribeFileType(int type)
        {
            switch (type)
            {
                case 0x2000: return "character device";
                case 0x6000: return "block device";
                case 0x1000: return "FIFO (named pipe)";
                case 0xC000: return "socket";
                default: return "special file";
            }
        }

        // The file type from stat(2), through the native shim every .NET runtime on Unix ships; the file
        // mode is the second 32-bit field of its status record. Null where that is unavailable (Windows).
        private static int? UnixFileType(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return null;
            }

            try
            {
                byte[] status = new byte[512];
                byte[] utf8Path = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                if (SystemNativeStat(utf8Path, status) != 0)
                {
                    return -1;
                }

                return BitConverter.ToInt32(status, 4) & FileTypeMask;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException)
            {
                return null;
            }
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        private static extern int SystemNativeStat(byte[] utf8Path, [Out] byte[] status);
    }
}
