using AppStoreJws.Completion;
using AppStoreJws.Inspection;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Verifies tokens (always as ES256) and checks them against Apple's wire format, one report per token. A token
    /// that is not a compact JWS gets a report with a failed Structure check, never an error; an unusable key or
    /// option stops the command with a terminating error.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AppStoreJws", DefaultParameterSetName = VerificationKeyInput.KeySet)]
    [OutputType(typeof(JwsLintReport))]
    [OutputType(typeof(bool))]
    public sealed class TestAppStoreJwsCommand : VerifyingKeyCommand
    {
        private JwsLintOptions options = null!;

        /// <summary>A compact JWS or a "Bearer <token>" Authorization value, or any object with a Token or Authorization property (this module's output, or a CSV column).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        [Alias("Authorization")]
        public string Token { get; set; } = string.Empty;

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
        public TimeSpan ClockTolerance { get; set; } = Signing.ClockTolerance.Default;

        private protected override string? VerifyingKeyId => KeyId;

        private protected override void ValidateRun()
        {
            options = new JwsLintOptions { BundleId = BundleId, IssuerId = IssuerId, Audience = Audience, ClockTolerance = ClockTolerance };
            options.Validate();
        }

        private protected override void Verify()
        {
            JwsLintReport report = JwsLinter.Lint(TokenInput.WithoutScheme(Token), VerificationKey, options);
            WriteReport(report, report.IsValid);
        }
    }
}
