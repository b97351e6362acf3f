using System;
using System.Collections.Generic;
using System.Management.Automation;
using AppStoreJws.Binding;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.LegacySignature;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Signs a legacy (v1) promotional offer signature, for promotionalOffer(offerID:keyID:nonce:signature:timestamp:),
    /// SKPaymentDiscount and the Retention Messaging API's PromotionalOfferSignatureV1. Needs no issuer ID.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PromotionalOfferSignature")]
    [OutputType(typeof(PromotionalOfferSignatureV1))]
    public sealed class NewPromotionalOfferSignatureCommand : PSCmdlet
    {
        // Problems no later row can fix: reported once, as terminating errors.
        private static readonly string[] ConfigurationErrorIds = { "BundleIdMissing", "InvalidBundleId" };

        private VerboseWriter verbose = null!;

        /// <summary>The key from Get-AppStoreKey: its key ID is signed, and its bundle ID is the default.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNull]
        public AppStoreKey Key { get; set; } = null!;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string ProductId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string OfferIdentifier { get; set; } = string.Empty;

        /// <summary>Optional; signed lowercased, and an empty field when absent. A value that is not a UUID gets a warning.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? AppAccountToken { get; set; }

        /// <summary>The app's bundle ID; defaults to the key's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BundleId { get; set; }

        /// <summary>A fixed nonce (a UUID, signed lowercased), for tests: Apple accepts each nonce once. A fresh one when absent or empty.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? Nonce { get; set; }

        /// <summary>A fixed time, for tests: Unix milliseconds, or a DateTimeOffset/DateTime. Now when absent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [UnixMillisecondsTransformation]
        public long? Timestamp { get; set; }

        protected override void BeginProcessing() => verbose = new VerboseWriter(this);

        protected override void ProcessRecord()
        {
            List<string> warnings = new List<string>();
            try
            {
                TokenIssuance issuance = new TokenIssuance { BundleId = BundleId, Nonce = string.IsNullOrEmpty(Nonce) ? null : Nonce };
                PromotionalOfferSignatureV1 signature = PromotionalOfferV1Signer.Create(Key, issuance, ProductId, OfferIdentifier, AppAccountToken, Timestamp, warnings);
                foreach (string warning in warnings)
                {
                    WriteWarning(warning);
                }

                verbose.Write(() => "Signed message (U+2063 shown as " + PromotionalOfferSignatureV1.VisibleSeparator + "): " + signature.SignedMessage);
                WriteObject(signature);
            }
            catch (AppStoreJwsException e) when (Array.IndexOf(ConfigurationErrorIds, e.ErrorId) >= 0)
            {
                ThrowTerminatingError(ErrorRecords.From(e, Key));
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, ProductId));
            }
        }
    }
}
