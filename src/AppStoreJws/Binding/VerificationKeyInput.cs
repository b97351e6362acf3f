namespace AppStoreJws.Binding
{
    /// <summary>The verifying cmdlets' three ways to name a key: a key object, public key text, or a .p8 file.</summary>
    internal static class VerificationKeyInput
    {
        public const string KeySet = "Key";
        public const string PublicKeySet = "PublicKey";
        public const string PathSet = "Path";

        public static JwsVerificationKey Read(PSCmdlet cmdlet, AppStoreKey? key, string? publicKey, string? path, string? keyId)
        {
            switch (cmdlet.ParameterSetName)
            {
                case PublicKeySet:
                    return JwsVerificationKey.FromPublicKeyText(publicKey!, keyId, "public key text (-PublicKey)");
                case PathSet:
                    KeyLoadReport report = new KeyLoadReport();
                    string resolved = Commands.ProviderPaths.Resolve(cmdlet, path!, "-Path");
                    AppStoreKey loaded = AppStoreKeyLoader.LoadFile(resolved, new KeyIdentity { KeyId = keyId }, report);
                    foreach (string warning in report.Warnings)
                    {
                        cmdlet.WriteWarning(warning);
                    }

                    return JwsVerificationKey.FromKey(loaded);
                default:
                    return JwsVerificationKey.FromKey(key!);
            }
        }
    }
}
