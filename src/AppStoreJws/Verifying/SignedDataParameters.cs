namespace AppStoreJws.Verifying
{
    /// <summary>
    /// The trust parameters of every cmdlet that verifies what Apple signs (the signed-data cmdlets and the App Store
    /// Server API cmdlets that read signed data), each declared once, here. A cmdlet hands one of these objects to
    /// PowerShell from <c>IDynamicParameters.GetDynamicParameters</c>, so only the cmdlets that verify have them, and
    /// each has the same name, type and rule everywhere (Get-Command, Get-Help, tab completion and splatting see them
    /// like any other parameter).
    /// </summary>
    public class SignedDataParameters
    {
        /// <summary>The roots the signing chains must lead to; Apple Root CA - G3 when absent.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public object[]? TrustedRoot { get; set; }

        /// <summary>The app's Apple ID, which production data must carry; defaults to -Key's.</summary>
        [Parameter]
        [ValidateRange(1, long.MaxValue)]
        public long? AppAppleId { get; set; }
    }
}
