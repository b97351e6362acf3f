using AppStoreJws.LegacySignature;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Verifies a legacy (v1) promotional offer signature over its inputs and, when it fails, says which usual
    /// mistake explains it. New-PromotionalOfferSignature's output pipes straight in.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "PromotionalOfferSignature", DefaultParameterSetName = VerificationKeyInput.KeySet)]
    [OutputType(typeof(PromotionalOfferV1Report))]
    [OutputType(typeof(bool))]
    public sealed class TestPromotionalOfferSignatureCommand : VerifyingKeyCommand
    {
        /// <summary>Standard base64 of the DER signature (Apple's encodedSignature).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("EncodedSignature")]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string Signature { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string ProductId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string OfferIdentifier { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string Nonce { get; set; } = string.Empty;

        /// <summary>Unix milliseconds (or a DateTimeOffset) the signature was made with.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [UnixMillisecondsTransformation]
        public long Timestamp { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? AppAccountToken { get; set; }

        /// <summary>The bundle ID signed; defaults to the key's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string? BundleId { get; set; }

        /// <summary>The key ID signed; defaults to the verifying key's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string? KeyId { get; set; }

        private protected override void Verify()
        {
            try
            {
                PromotionalOfferV1Claim claim = PromotionalOfferV1Claims.Complete(new PromotionalOfferV1Claim
                {
                    EncodedSignature = Signature,
                    ProductId = ProductId,
                    OfferIdentifier = OfferIdentifier,
                    AppAccountToken = AppAccountToken,
                    Nonce = Nonce,
                    Timestamp = Timestamp,
                }, KeyId, BundleId, VerificationKey, Key?.BundleId);
                PromotionalOfferV1Report report = PromotionalOfferV1Verifier.Verify(VerificationKey, claim, DateTimeOffset.UtcNow);
                WriteReport(report, report.IsValid);
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, ProductId));
            }
        }
    }
}
