using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.Binding;

namespace AppStoreJws.Commands
{
    /// <summary>Loads an App Store Connect private key once, for every signing cmdlet's -Key.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreKey")]
    [OutputType(typeof(AppStoreKey))]
    public sealed class GetAppStoreKeyCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string ContentSet = "Content";
        private const string SecureContentSet = "SecureContent";
        private const string EnvironmentVariableSet = "EnvironmentVariable";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath", "LiteralPath")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string Path { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = ContentSet)]
        [ValidateNotNull]
        public string Content { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = SecureContentSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SecureString? SecureContent { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = EnvironmentVariableSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string EnvironmentVariable { get; set; } = string.Empty;

        /// <summary>The 10-character key ID; read from an AuthKey_KEYID.p8 file name when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string? KeyId { get; set; }

        /// <summary>The issuer ID (UUID); the StoreKit JWS and server API tokens need it, the legacy signature does not.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string? IssuerId { get; set; }

        /// <summary>The default bundle ID for tokens signed with this key.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string? BundleId { get; set; }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            if (ParameterSetName == PathSet)
            {
                foreach (string path in ResolvePaths())
                {
                    LoadAndWrite(path, report => AppStoreKeyLoader.LoadFile(path, Identity(), report));
                }

                return;
            }

            LoadAndWrite(ParameterSetName, LoadText);
        }

        /// <summary>Wildcards expand to every matching file; a plain path is taken as given, so a missing file gets the module's own error.</summary>
        private IEnumerable<string> ResolvePaths()
        {
            if (WildcardPattern.ContainsWildcardCharacters(Path))
            {
                try
                {
                    return GetResolvedProviderPathFromPSPath(Path, out _);
                }
                catch (ItemNotFoundException)
                {
                    // Falls through to the key loader's KeyFileNotFound.
                }
            }

            return new[] { SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path) };
        }

        private void LoadAndWrite(object target, Func<KeyLoadReport, AppStoreKey> load)
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

                WriteObject(key);
            }
            catch (AppStoreJwsException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, target));
            }
        }

        private KeyIdentity Identity() => new KeyIdentity { KeyId = KeyId, IssuerId = IssuerId, BundleId = BundleId };

        private AppStoreKey LoadText(KeyLoadReport report)
        {
            switch (ParameterSetName)
            {
                case ContentSet:
                    return AppStoreKeyLoader.LoadText(Content, "key text (-Content)", Identity(), report);
                case SecureContentSet:
                    return AppStoreKeyLoader.LoadText(Reveal(SecureContent!), "key text (-SecureContent)", Identity(), report);
                default:
                    string? value = Environment.GetEnvironmentVariable(EnvironmentVariable);
                    if (value == null)
                    {
                        throw new AppStoreJwsException("KeyEnvironmentVariableNotSet", ErrorKind.ObjectNotFound,
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
