using System;
using System.IO;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>
    /// Apple's own test vectors and reference certificates, read from the shared folder beside the repository
    /// (../shared): they may be read there but never copied into the repository. A checkout without them skips the
    /// tests that need them; build.ps1 refuses to run the tests without them when APPSTOREJWS_REQUIRE_APPLE_DATA is
    /// set, as CI does, so there they always run.
    /// </summary>
    internal static class AppleTestData
    {
        public static readonly string? Folder = Find();

        public static string File(params string[] parts) =>
            Path.Combine(Folder ?? throw new InvalidOperationException("Apple's test data is not beside this checkout."), Path.Combine(parts));

        private static string? Find()
        {
            string? folder = AppContext.BaseDirectory;
            while (folder != null && !System.IO.File.Exists(Path.Combine(folder, "AppStoreJws.psd1")))
            {
                folder = Path.GetDirectoryName(folder);
            }

            string? shared = folder == null ? null : Path.GetFullPath(Path.Combine(folder, "..", "shared"));
            return shared != null && Directory.Exists(Path.Combine(shared, "apple-test-vectors")) ? shared : null;
        }
    }

    /// <summary>A fact that reads <see cref="AppleTestData"/>: skipped, with the reason, where this checkout has none.</summary>
    public sealed class AppleDataFactAttribute : FactAttribute
    {
        public AppleDataFactAttribute()
        {
            if (AppleTestData.Folder == null)
            {
                Skip = "Apple's test vectors (../shared beside the repository) are not beside this checkout.";
            }
        }
    }
}
