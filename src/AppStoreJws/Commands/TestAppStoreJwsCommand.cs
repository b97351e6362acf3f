using System;
using System.Management.Automation;
using AppStoreJws.Binding;
using AppStoreJws.Completion;
using AppStoreJws.Errors;
using AppStoreJws.Inspection;
using AppStoreJws.Keys;
using AppStoreJws.Output;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Verifies tokens (always as ES256) and checks them against Apple's wire format, one report per token. A token
    /// that is not a compact JWS gets a report with a failed Structure check, never an error; an unusable key or
    /// option stops the command with a terminating error.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AppStoreJws", DefaultParameterSetName = KeySet)]
    [OutputType(typeof(JwsLintReport))]
    [OutputType(typeof(bool))]
    public sealed class TestAppStoreJwsCommand : PSCmdlet
    {
        private const string KeySet = VerificationKeyInput.KeySet;
        private const string PublicKeySet = VerificationKeyInput.PublicKeySet;
        private const string PathSet = VerificationKeyInput.PathSet;

        private JwsVerificationKey verificationKey = null!;
        private JwsLintOptions options = null!;

        /// <summary>A compact JWS or a "Bearer <token>" Authorization value, or any object with a Token or Authorization property (this module's output, or a CSV column).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        [Alias("Authorization")]
        public string Token { get; set; } = string.Empty;

        /// <summary>The key from Get-AppStoreKey; its public half verifies, its key ID is compared with kid.</summary>
        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNull]
        [AppStoreKeyTransformation]
        public AppStoreKey Key { get; set; } = null!;

        /// <summary>The public key as SubjectPublicKeyInfo PEM (-----BEGIN PUBLIC KEY-----) or as JWK JSON.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PublicKeySet)]
        [AllowEmptyString]
        public string PublicKey { get; set; } = string.Empty;

        /// <summary>The private key file (.p8); its key ID comes from an AuthKey_KEYID.p8 name or -KeyId.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string Path { get; set; } = string.Empty;

        /// <summary>The key's 10-character ID, compared with the header's kid.</summary>
        [Parameter(ParameterSetName = PublicKeySet)]
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? KeyId { get; set; }

        /// <summary>The bid the token must carry.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? BundleId { get; set; }

        /// <summary>The iss the token must carry.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? IssuerId { get; set; }

        /// <summary>The aud the token must carry.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(AudienceCompleter))]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string? Audience { get; set; }

        /// <summary>How far in the future iat may be (a clock ahead of this one); a TimeSpan or seconds, 60 by default.</summary>
        [Parameter]
        [SecondsTransformation]
        [ArgumentCompleter(typeof(ClockToleranceCompleter))]
        public TimeSpan ClockTolerance { get; set; } = JwsLintOptions.DefaultClockTolerance;

        /// <summary>Returns only $true or $false per token.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void BeginProcessing()
        {
            try
            {
                options = new JwsLintOptions { BundleId = BundleId, IssuerId = IssuerId, Audience = Audience, ClockTolerance = ClockTolerance };
                options.Validate();
                verificationKey = VerificationKeyInput.Read(this, Key, PublicKey, Path, KeyId);
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

            JwsLintReport report = JwsLinter.Lint(TokenInput.WithoutScheme(Token), verificationKey, options);
            if (Quiet)
            {
                WriteObject(report.IsValid);
            }
            else
            {
                Output.Write(report);
            }
        }

        protected override void EndProcessing() => Output.Flush();

        // One report is shown in full, several as a table of one line each.
        private SeveralOutput? output;

        private SeveralOutput Output => output ??= new SeveralOutput(this);
    }
}
