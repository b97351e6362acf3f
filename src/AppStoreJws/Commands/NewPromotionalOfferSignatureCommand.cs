using AppStoreJws.LegacySignature;
using AppStoreJws.Signing;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Signs a legacy (v1) promotional offer signature, for promotionalOffer(offerID:keyID:nonce:signature:timestamp:),
    /// SKPaymentDiscount and the Retention Messaging API's PromotionalOfferSignatureV1. Needs no issuer ID.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PromotionalOfferSignature")]
    [OutputType(typeof(PromotionalOfferSignatureV1))]
    public sealed class NewPromotionalOfferSignatureCommand : RowSigningCommand
    {
        private static readonly string[] Required = { nameof(ProductId), nameof(OfferIdentifier) };
        private bool warnedNonceFromRows;
        private bool warnedTimestampFromRows;

        /// <summary>Required (a missing column is named in that row's error).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("product_id", "Product ID")]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? ProductId { get; set; }

        /// <summary>Required (a missing column is named in that row's error).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("OfferId", "offer_id", "offer_identifier", "Offer ID", "Offer Identifier")]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? OfferIdentifier { get; set; }

        /// <summary>Optional; signed lowercased, and an empty field when absent. A value that is not a UUID gets a warning.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("app_account_token", "App Account Token")]
        [AllowNull]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? AppAccountToken { get; set; }

        /// <summary>A fixed nonce (a UUID, signed lowercased), for tests: Apple accepts each nonce once. A fresh one when absent or empty.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        public string? Nonce { get; set; }

        /// <summary>A fixed time, for tests: Unix milliseconds (a number or digits), a DateTimeOffset/DateTime or an ISO 8601 date. Now when absent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [UnixMillisecondsTransformation]
        [NoKeyText(InRow = true)]
        public object? Timestamp { get; set; }

        private protected override IReadOnlyList<string> RequiredParameters => Required;

        private protected override string ResultNoun => "signature";

        private protected override string DescribeRow() => "productId " + Quote(ProductId) + ", offerIdentifier " + Quote(OfferIdentifier);

        private protected override Func<object>? CaptureRow(AppStoreKey key, string? bundleId)
        {
            // The row's bound values are copied here: the signing may run on a worker thread while the pipeline
            // thread binds the next row. Warnings are collected there and written with the row, in order.
            long? timestamp = UnixMillisecondsTransformationAttribute.Milliseconds(Timestamp, "timestamp");
            WarnAboutFixedValuesFromRows(timestamp);
            TokenIssuance issuance = new TokenIssuance { BundleId = bundleId, Nonce = string.IsNullOrEmpty(Nonce) ? null : Nonce };
            string productId = ProductId ?? string.Empty, offerIdentifier = OfferIdentifier ?? string.Empty;
            string? appAccountToken = AppAccountToken;
            return () =>
            {
                List<string> warnings = new List<string>();
                PromotionalOfferSignatureV1 signature = PromotionalOfferV1Signer.Create(key, issuance, productId, offerIdentifier, appAccountToken, timestamp, warnings);
                return new SignedRow(signature, warnings);
            };
        }

        private protected override object ResultObject(object signed, VerboseWriter verbose)
        {
            SignedRow result = (SignedRow)signed;
            foreach (string warning in result.Warnings)
            {
                WriteWarning(warning);
            }

            PromotionalOfferSignatureV1 signature = result.Signature;
            verbose.Write(() => "Signed message (U+2063 shown as " + PromotionalOfferSignatureV1.VisibleSeparator + "): " + signature.SignedMessage);
            return signature;
        }

        private protected override void AddResultTo(PSObject row, object signed)
        {
            SignedRow result = (SignedRow)signed;
            SetProperty(row, "EncodedSignature", result.Signature.EncodedSignature);
            SetProperty(row, "Nonce", result.Signature.Nonce);
            SetProperty(row, "Timestamp", result.Signature.Timestamp);
        }

        /// <summary>A nonce or timestamp that comes with the data is almost always one that was already used, or stale.</summary>
        private void WarnAboutFixedValuesFromRows(long? timestamp)
        {
            if (InputRow == null)
            {
                return;
            }

            if (!warnedNonceFromRows && !string.IsNullOrEmpty(Nonce))
            {
                warnedNonceFromRows = true;
                WriteWarning("The rows carry a Nonce, which is signed as given: Apple accepts each nonce once, so a nonce that was already used " +
                    "(or repeats between rows) makes the offer fail. Leave the column out to get a fresh nonce per signature.");
            }

            if (!warnedTimestampFromRows && timestamp != null)
            {
                warnedTimestampFromRows = true;
                WriteWarning("The rows carry a Timestamp, which is signed as given: Apple accepts the signature only within 24 hours of its timestamp, " +
                    "so a stored timestamp soon makes the offer fail. Leave the column out to sign with the current time.");
            }
        }

        /// <summary>One signature and the advice that came with it, written together on the pipeline thread.</summary>
        private sealed class SignedRow
        {
            public SignedRow(PromotionalOfferSignatureV1 signature, List<string> warnings)
            {
                Signature = signature;
                Warnings = warnings;
            }

            public PromotionalOfferSignatureV1 Signature { get; }

            public IReadOnlyList<string> Warnings { get; }
        }
    }
}
