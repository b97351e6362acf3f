using AppStoreJws.Output;
using AppStoreJws.Verification;
using AppStoreJws.Verifying;

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

        private protected override void Process(string signedData, SignedDataKind? kind)
        {
            try
            {
                SignedDataPayload payload = Verifier.Verify(signedData, kind);
                if (!payload.IsVerified)
                {
                    WarnUnverified();
                }

                WriteObject(SignedDataObjects.ToPSObject(payload));
            }
            catch (AppStoreJwsException e)
            {
                WriteError(SignedDataVerifiers.ErrorFor(e, signedData));
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
