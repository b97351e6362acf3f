using AppStoreJws.Output;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// What the verifying cmdlets (Test-AppStoreJws, Test-PromotionalOfferSignature) share: the three ways to name the
    /// verifying key, one parameter set each, and -Quiet. The key and the run's options are read once before the first
    /// input, so a problem with them stops the run; a problem with one input is that input's error or report.
    /// </summary>
    public abstract class VerifyingKeyCommand : PSCmdlet
    {
        private SeveralOutput? output;

        private protected const string KeySet = VerificationKeyInput.KeySet;
        private protected const string PublicKeySet = VerificationKeyInput.PublicKeySet;
        private protected const string PathSet = VerificationKeyInput.PathSet;

        /// <summary>The key from Get-AppStoreKey; its public half verifies.</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNull]
        [AppStoreKeyTransformation]
        public AppStoreKey Key { get; set; } = null!;

        /// <summary>The public key as SubjectPublicKeyInfo PEM (-----BEGIN PUBLIC KEY-----) or as JWK JSON; an empty one is the core's PublicKeyEmpty.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PublicKeySet)]
        [AllowEmptyString]
        public string PublicKey { get; set; } = string.Empty;

        /// <summary>The private key file (.p8).</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string Path { get; set; } = string.Empty;

        /// <summary>Returns only $true or $false per input.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        private protected JwsVerificationKey VerificationKey { get; private set; } = null!;

        protected override void BeginProcessing()
        {
            try
            {
                ValidateRun();
                VerificationKey = VerificationKeyInput.Read(this, Key, PublicKey, Path, VerifyingKeyId);
            }
            catch (AppStoreJwsException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ParameterSetName == PathSet ? Path : ParameterSetName));
            }
        }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.FindRefused(this) != null)
            {
                Output.BeforeError();
                NoKeyTextAttribute.WriteErrorIfRefused(this);
                return;
            }

            Verify();
        }

        protected override void EndProcessing() => Output.Flush();

        /// <summary>Checks the run's options (before the key is read); throws the module's exception.</summary>
        private protected virtual void ValidateRun()
        {
        }

        /// <summary>The key ID that names the verifying key (for -PublicKey and -Path), if the cmdlet takes one.</summary>
        private protected virtual string? VerifyingKeyId => null;

        /// <summary>Verifies the current input and writes its report.</summary>
        private protected abstract void Verify();

        private protected void WriteReport(object report, bool isValid)
        {
            if (Quiet)
            {
                WriteObject(isValid);
            }
            else
            {
                Output.Write(report);
            }
        }

        // One report is shown in full, several (one run of many tokens) as a table of one line each.
        private SeveralOutput Output => output ??= new SeveralOutput(this);
    }
}
