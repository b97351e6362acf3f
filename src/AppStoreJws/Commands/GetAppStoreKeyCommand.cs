using System.Collections.ObjectModel;
using System.Runtime.InteropServices;
using System.Security;
using AppStoreJws.Output;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Loads an App Store Connect private key once, for every signing cmdlet's -Key. One key given on the command line
    /// that cannot be loaded stops the command; of many (piped files, a wildcard), each bad one is its own error and
    /// the others still load.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreKey", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(AppStoreKey))]
    public sealed class GetAppStoreKeyCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string ContentSet = "Content";
        private const string SecureContentSet = "SecureContent";
        private const string EnvironmentVariableSet = "EnvironmentVariable";

        /// <summary>The key file (.p8); wildcards load every match.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true, Lines = true)]
        [SupportsWildcards]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>The key file, taken exactly as written (no wildcards); Get-ChildItem output binds here.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true, Lines = true)]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The key text; lines (Get-Content without -Raw) are joined.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ContentSet)]
        [ValidateNotNull]
        [AllowEmptyString]
        public string[] Content { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = SecureContentSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecureString? SecureContent { get; set; }

        /// <summary>The name of the environment variable that holds the key text (not its value).</summary>
        [Parameter(Mandatory = true, ParameterSetName = EnvironmentVariableSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText(Takes = "the variable's name, such as APPSTORE_PRIVATE_KEY, not its value")]
        [ArgumentCompleter(typeof(Completion.EnvironmentVariableCompleter))]
        public string EnvironmentVariable { get; set; } = string.Empty;

        /// <summary>The 10-character key ID; read from an AuthKey_KEYID.p8 file name when not given. An empty cell means not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? KeyId { get; set; }

        /// <summary>The issuer ID (UUID); the StoreKit JWS and server API tokens need it, the legacy signature does not.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? IssuerId { get; set; }

        /// <summary>The default bundle ID for tokens signed with this key.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? BundleId { get; set; }

        /// <summary>The app's Apple ID, for the Server API cmdlets to check signed data against when they are given no -AppAppleId.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long? AppAppleId { get; set; }

        // One key is shown as a list, several as a table.
        private SeveralOutput? output;

        private SeveralOutput Output => output ??= new SeveralOutput(this);

        protected override void EndProcessing() => Output.Flush();

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.FindRefused(this) != null)
            {
                Output.BeforeError();
                NoKeyTextAttribute.WriteErrorIfRefused(this);
                return;
            }

            switch (ParameterSetName)
            {
                case PathSet:
                case LiteralPathSet:
                    List<string> files = new List<string>();
                    foreach (string path in ParameterSetName == PathSet ? Path : LiteralPath)
                    {
                        if (!ResolvePaths(path, ParameterSetName == LiteralPathSet, files))
                        {
                            return;
                        }
                    }

                    // Several files are many inputs: each bad one is its own error, the others still load.
                    bool oneOfMany = MyInvocation.ExpectingInput || files.Count > 1;
                    foreach (string file in files)
                    {
                        LoadAndWrite(file, oneOfMany, report => AppStoreKeyLoader.LoadFile(file, Identity(), report));
                    }

                    return;
                default:
                    LoadAndWrite(ParameterSetName, MyInvocation.ExpectingInput, LoadText);
                    return;
            }
        }

        /// <summary>
        /// Wildcards expand to every matching file (none is an error of its own); a plain path is taken as given, so a
        /// missing file gets the key loader's own error. False when the path was reported as unusable.
        /// </summary>
        private bool ResolvePaths(string path, bool literal, List<string> files)
        {
            try
            {
                files.AddRange(ProviderPaths.ResolveAll(this, path, literal, pattern => new AppStoreJwsException(ErrorIds.KeyPathNoMatch, ErrorKind.ObjectNotFound,
                    $"No file matches '{pattern}'; expected the App Store Connect key file, AuthKey_<KEYID>.p8 (use -LiteralPath for a name that holds [ or *).")));
                return true;
            }
            catch (AppStoreJwsException e)
            {
                Report(e, path, MyInvocation.ExpectingInput);
                return false;
            }
        }

        private void LoadAndWrite(string target, bool oneOfMany, Func<KeyLoadReport, AppStoreKey> load)
        {
            KeyLoadReport report = new KeyLoadReport();
            try
            {
                AppStoreKey key = load(report);
                WriteVerbose($"Read the key from {key.Source} as {report.Format}.");
                foreach (string repair in report.Repairs)
                {
                    WriteVerbose("Repaired the key text: " + repair + ".");
                }

                foreach (string warning in report.Warnings)
                {
                    WriteWarning(warning);
                }

                Output.Write(key);
            }
            catch (AppStoreJwsException e)
            {
                Report(e, target, oneOfMany);
            }
        }

        private void Report(AppStoreJwsException e, string target, bool oneOfMany)
        {
            if (oneOfMany)
            {
                Output.BeforeError();
                WriteError(ErrorRecords.From(e, target));
            }
            else
            {
                Output.Flush();
                ThrowTerminatingError(ErrorRecords.From(e, target));
            }
        }

        private KeyIdentity Identity() => new KeyIdentity { KeyId = Given(KeyId), IssuerId = Given(IssuerId), BundleId = Given(BundleId), AppAppleId = AppAppleId };

        // An empty CSV cell is "not given", as in the signing cmdlets.
        private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

        private AppStoreKey LoadText(KeyLoadReport report)
        {
            switch (ParameterSetName)
            {
                case ContentSet:
                    return AppStoreKeyLoader.LoadText(string.Join("\n", Content), "key text (-Content)", Identity(), report);
                case SecureContentSet:
                    return AppStoreKeyLoader.LoadText(Reveal(SecureContent!), "key text (-SecureContent)", Identity(), report);
                default:
                    string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
                    if (value == null)
                    {
                        throw new AppStoreJwsException(ErrorIds.KeyEnvironmentVariableNotSet, ErrorKind.ObjectNotFound,
                            $"The environment variable '{EnvironmentVariable}' is not set; expected it to hold the key text (the contents of AuthKey_<KEYID>.p8).");
                    }

                    return AppStoreKeyLoader.LoadText(value, $"environment variable {EnvironmentVariable}", Identity(), report);
            }
        }

        private static string Reveal(SecureString secure)
        {
            IntPtr buffer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return Marshal.PtrToStringUni(buffer, secure.Length);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(buffer);
            }
        }
    }
}
