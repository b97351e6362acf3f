namespace AppStoreJws.Binding
{
    /// <summary>
    /// Lets -Key take only what Get-AppStoreKey returns, and refuses anything else with a message that names what was
    /// given by its type, never by its value: PowerShell's own conversion error would print the value, and the value
    /// a -Key is most often given by mistake is the key text itself.
    /// </summary>
    [System.AttributeUsage(System.AttributeTargets.Property | System.AttributeTargets.Field)]
    public sealed class AppStoreKeyTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                case AppStoreKey _:
                    return value;
                case string text when NoKeyTextAttribute.HoldsKeyText(text):
                    throw new ArgumentTransformationMetadataException(
                        "-Key takes the object Get-AppStoreKey returns, not the key text; the value is not shown. " +
                        "Load it once: $key = Get-AppStoreKey -EnvironmentVariable <name> (or -Content <text>, -SecureContent <SecureString>, -Path <file>), then pass -Key $key.");
                default:
                    throw new ArgumentTransformationMetadataException(
                        $"-Key takes the object Get-AppStoreKey returns; found a {TypeName(value)}. " + NoKeyTextAttribute.LoadKeyInstead);
            }
        }

        private static string TypeName(object value) => value is string ? "string (a path? load it with Get-AppStoreKey -Path)" : value.GetType().FullName ?? value.GetType().Name;
    }
}
