namespace AppStoreJws.Commands
{
    /// <summary>
    /// Creates a throwaway P-256 key as AuthKey_KEYID.p8 and loads it. For tests and demonstrations only:
    /// Apple's servers have never seen the key and reject everything signed with it.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AppStoreTestKey", SupportsShouldProcess = true)]
    [OutputType(typeof(AppStoreKey))]
    public sealed class NewAppStoreTestKeyCommand : PSCmdlet
    {
        /// <summary>Where to write AuthKey_KEYID.p8; the current location when not given.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? Folder { get; set; }

        /// <summary>The 10-character key ID; random when not given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? KeyId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? IssuerId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? BundleId { get; set; }

        /// <summary>The app's Apple ID, for the Server API cmdlets to check signed data against when they are given no -AppAppleId.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long? AppAppleId { get; set; }

        /// <summary>Replaces an existing key file of the same name.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void EndProcessing()
        {
            string keyId = KeyId ?? TestKeyFile.NewKeyId();
            try
            {
                string folder = ProviderPaths.Resolve(this, Folder ?? ".", "-Folder");
                KeyIdentity identity = new KeyIdentity { KeyId = keyId, IssuerId = IssuerId, BundleId = BundleId, AppAppleId = AppAppleId };
                if (!ShouldProcess(TestKeyFile.Target(folder, keyId, IssuerId), "Create a throwaway App Store test key"))
                {
                    return;
                }

                string path = TestKeyFile.Write(folder, keyId, Force.IsPresent);
                WriteVerbose($"Wrote a new P-256 test key to {path} (owner-only permissions). Apple will reject anything signed with it.");
                WriteObject(AppStoreKeyLoader.LoadFile(path, identity, new KeyLoadReport()));
            }
            catch (AppStoreJwsException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, keyId));
            }
        }
    }
}
