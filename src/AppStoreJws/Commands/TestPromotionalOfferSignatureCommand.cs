using System;
using System.Management.Automation;
using AppStoreJws.Binding;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
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
    public sealed class TestPromotionalOfferSignatureCommand : PSCmdlet
    {
        private JwsVerificationKey verificationKey = null!;

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

        /// <summary>The key from Get-AppStoreKey.</summary>
        [Parameter(Mandatory = true, ParameterSetName = VerificationKeyInput.KeySet)]
        [ValidateNotNull]
        [AppStoreKeyTransformation]
        public AppStoreKey Key { get; set; } = null!;

        /// <summary>The public key as SubjectPublicKeyInfo PEM or JWK JSON.</summary>
        [Parameter(Mandatory = true, ParameterSetName = VerificationKeyInput.PublicKeySet)]
        [ValidateNotNullOrEmpty]
        public string PublicKey { get; set; } = string.Empty;

        /// <summary>The private key file (.p8).</summary>
        [Parameter(Mandatory = true, ParameterSetName = VerificationKeyInput.PathSet)]
        [ValidateNotNullOrEmpty]
        [NoKeyText]
        public string Path { get; set; } = string.Empty;

        /// <summary>Returns only $true or $false.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void BeginProcessing()
        {
            try
            {
                // The key's own ID, not the row's: -KeyId here is the signed value, checked per row.
                verificationKey = VerificationKeyInput.Read(this, Key, PublicKey, Path, keyId: null);
            }
            catch (AppStoreJwsException e)
            {
                ThrowTerminatingError(ErrorRecords.From(e, ParameterSetName));
            }
        }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            string? keyId = KeyId ?? verificationKey.KeyId;
            string? bundleId = string.IsNullOrEmpty(BundleId) ? Key?.BundleId : BundleId;
            if (keyId == null || bundleId == null)
            {
                string missing = keyId == null ? "key ID (-KeyId)" : "bundle ID (-BundleId)";
                WriteError(ErrorRecords.From(new AppStoreJwsException("SignedValueMissing", ErrorKind.InvalidArgument,
                    $"The {missing} that was signed is not known: pass it, or verify with the key object from Get-AppStoreKey."), ProductId));
                return;
            }

            PromotionalOfferV1Claim claim = new PromotionalOfferV1Claim
            {
                EncodedSignature = Signature,
                BundleId = bundleId,
                KeyId = keyId,
                ProductId = ProductId,
                OfferIdentifier = OfferIdentifier,
                AppAccountToken = AppAccountToken,
                Nonce = Nonce,
                Timestamp = Timestamp,
            };
            if (verificationKey.KeyId != null)
            {
                claim.OtherKeyIds.Add(verificationKey.KeyId);
            }

            if (Key?.BundleId != null)
            {
                claim.OtherBundleIds.Add(Key.BundleId);
            }

            try
            {
                PromotionalOfferV1Report report = PromotionalOfferV1Verifier.Verify(verificationKey, claim, DateTimeOffset.UtcNow);
                WriteObject(Quiet ? (object)report.IsValid : report);
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, ProductId));
            }
        }
    }
}
