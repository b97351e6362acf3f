using System;
using System.Management.Automation;
using AppStoreJws.Verification;
using AppStoreJws.Binding;

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
        /// <summary>The compact JWS Apple signed, or an object with one of Apple's signed-data properties.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("signedPayload", "signedTransactionInfo", "signedRenewalInfo", "signedAppTransactionInfo", "signedTransactions")]
        [AllowEmptyString]
        [AllowNull]
        [NoKeyText(InRow = true)]
        public string[] SignedData { get; set; } = Array.Empty<string>();

        /// <summary>The kind of payload, when it should not be told from the fields.</summary>
        [Parameter]
        [ValidateSet("Notification", "Transaction", "RenewalInfo", "AppTransaction", "RealtimeRequest")]
        [NoKeyText]
        public string? Type { get; set; }

        /// <summary>Returns only $true or $false per input.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            SignedDataKind? kind = Type == null ? (SignedDataKind?)null : (SignedDataKind)Enum.Parse(typeof(SignedDataKind), Type, ignoreCase: true);
            foreach (string? signedData in SignedData ?? Array.Empty<string>())
            {
                SignedDataReport report = Verifier.Test(signedData ?? string.Empty, kind);
                WriteObject(Quiet ? (object)report.IsValid : report);
            }
        }
    }
}
