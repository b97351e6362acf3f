using AppStoreJws.Verification;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Runs every check of what Apple signs and reports each, one report per input: how a user finds out why data
    /// does not verify. Malformed input is a report with a failed Structure check, not an error.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AppStoreSignedData")]
    [OutputType(typeof(SignedDataReport))]
    [OutputType(typeof(bool))]
    public sealed class TestAppStoreSignedDataCommand : SignedDataCommand
    {
        /// <summary>Returns only $true or $false per input.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        private protected override void Process(string signedData, SignedDataKind? kind)
        {
            SignedDataReport report = Verifier.Test(signedData, kind);
            WriteObject(Quiet ? (object)report.IsValid : report);
        }
    }
}
