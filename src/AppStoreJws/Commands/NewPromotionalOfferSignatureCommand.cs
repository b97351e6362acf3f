using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using AppStoreJws.Binding;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.LegacySignature;
using AppStoreJws.Pipeline;
using AppStoreJws.StoreKit;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Signs a legacy (v1) promotional offer signature, for promotionalOffer(offerID:keyID:nonce:signature:timestamp:),
    /// SKPaymentDiscount and the Retention Messaging API's PromotionalOfferSignatureV1. Needs no issuer ID.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PromotionalOfferSignature")]
    [OutputType(typeof(PromotionalOfferSignatureV1))]
    public sealed class NewPromotionalOfferSignatureCommand : PSCmdlet, IDisposable
    {
        // Problems no later row can fix: reported once, as terminating errors.
        private static readonly string[] ConfigurationErrorIds = { "BundleIdMissing", "InvalidBundleId" };

        private VerboseWriter verbose = null!;
        private OrderedWorkQueue<SignedRow>? queue;

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

        /// <summary>Threads that sign rows in bulk (the first rows are signed inline); 1 signs every row on the pipeline thread.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

        protected override void BeginProcessing() => verbose = new VerboseWriter(this);

        protected override void ProcessRecord()
        {
            // The row's bound values are copied here: the signing may run on a worker thread while the pipeline
            // thread binds the next row. Warnings are collected there and written here, in order, with the row.
            AppStoreKey key = Key;
            TokenIssuance issuance = new TokenIssuance { BundleId = BundleId, Nonce = string.IsNullOrEmpty(Nonce) ? null : Nonce };
            string productId = ProductId, offerIdentifier = OfferIdentifier;
            string? appAccountToken = AppAccountToken;
            long? timestamp = Timestamp;
            queue ??= new OrderedWorkQueue<SignedRow>(ThrottleLimit, EmitSignature, EmitError);
            queue.Add(
                () =>
                {
                    List<string> warnings = new List<string>();
                    PromotionalOfferSignatureV1 signature = PromotionalOfferV1Signer.Create(key, issuance, productId, offerIdentifier, appAccountToken, timestamp, warnings);
                    return new SignedRow(signature, warnings);
                },
                productId);
        }

        protected override void EndProcessing() => queue?.Complete();

        public void Dispose() => queue?.Dispose();

        private void EmitSignature(SignedRow row, object? target)
        {
            foreach (string warning in row.Warnings)
            {
                WriteWarning(warning);
            }

            PromotionalOfferSignatureV1 signature = row.Signature;
            verbose.Write(() => "Signed message (U+2063 shown as " + PromotionalOfferSignatureV1.VisibleSeparator + "): " + signature.SignedMessage);
            WriteObject(signature);
        }

        private void EmitError(Exception error, object? target)
        {
            if (!(error is AppStoreJwsException e))
            {
                ExceptionDispatchInfo.Capture(error).Throw();
                return;
            }

            if (Array.IndexOf(ConfigurationErrorIds, e.ErrorId) >= 0)
            {
                ThrowTerminatingError(ErrorRecords.From(e, Key));
            }

            WriteError(ErrorRecords.From(e, target));
        }

        private sealed class SignedRow
        {
            public SignedRow(PromotionalOfferSignatureV1 signature, List<string> warnings)
            {
                Signature = signature;
                Warnings = warnings;
            }

            public PromotionalOfferSignatureV1 Signature { get; }

            public List<string> Warnings { get; }
        }
    }
}
