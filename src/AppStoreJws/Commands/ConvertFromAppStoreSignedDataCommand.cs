using System;
using System.Management.Automation;
using AppStoreJws.Errors;
using AppStoreJws.Output;
using AppStoreJws.Verification;
using AppStoreJws.Binding;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Verifies what Apple signs and writes the decoded payload, one object per input (a notification with its nested
    /// transaction, renewal info or app transaction verified and decoded in place). Data that does not verify is a
    /// non-terminating error for that input, never output.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "AppStoreSignedData")]
    [OutputType(typeof(PSObject))]
    public sealed class ConvertFromAppStoreSignedDataCommand : SignedDataCommand
    {
        private bool warnedUnverified;

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

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            SignedDataKind? kind = Type == null ? (SignedDataKind?)null : (SignedDataKind)Enum.Parse(typeof(SignedDataKind), Type, ignoreCase: true);
            foreach (string? signedData in SignedData ?? Array.Empty<string>())
            {
                try
                {
                    SignedDataPayload payload = Verifier.Verify(signedData ?? string.Empty, kind);
                    if (!payload.IsVerified)
                    {
                        WarnUnverified();
                    }

                    WriteObject(SignedDataObjects.ToPSObject(payload));
                }
                catch (AppStoreJwsException e)
                {
                    WriteError(ErrorFor(e, signedData ?? string.Empty));
                }
            }
        }

        private void WarnUnverified()
        {
            string message = $"{Environment} data is not signed by the App Store: decoded without any signature or chain check, so nothing in it is vouched for by Apple.";
            if (warnedUnverified)
            {
                WriteVerbose(message);
                return;
            }

            warnedUnverified = true;
            WriteWarning(message);
        }
    }
}
