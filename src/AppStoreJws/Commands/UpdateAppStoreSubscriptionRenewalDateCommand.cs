using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Extends a subscription's renewal date (one customer, or all active subscribers of a product), with a
    /// requestIdentifier made for the user so that Apple recognises a repeated request.
    /// </summary>
    [Cmdlet(VerbsData.Update, "AppStoreSubscriptionRenewalDate", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
        DefaultParameterSetName = OneParameterSet)]
    [OutputType(typeof(PSObject))]
    public sealed class UpdateAppStoreSubscriptionRenewalDateCommand : AppStoreServerApiCommand
    {
        private const string OneParameterSet = "OneSubscriber";
        private const string AllParameterSet = "AllActiveSubscribers";

        [Parameter(Mandatory = true, ParameterSetName = OneParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("original_transaction_id", "transactionId", "transaction_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string OriginalTransactionId { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = AllParameterSet)]
        public SwitchParameter AllActiveSubscribers { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AllParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("product_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string ProductId { get; set; } = null!;

        [Parameter(ParameterSetName = AllParameterSet)]
        [ValidatePattern("^[A-Z]{3}$")]
        [NoKeyText]
        [ArgumentCompleter(typeof(Completion.StorefrontCompleter))]
        public string[]? StorefrontCountryCode { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("extend_by_days")]
        [ValidateRange(1, 90)]
        public int ExtendByDays { get; set; }

        /// <summary>Apple's extendReasonCode: 0 Undeclared, 1 CustomerSatisfaction, 2 Other, 3 ServiceIssueOrOutage (the number or the name).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("extend_reason_code", "extendReasonCode")]
        [ExtendReasonCodeTransformation]
        [ValidateRange(0, 3)]
        [ArgumentCompleter(typeof(Completion.ExtendReasonCodeCompleter))]
        public int ReasonCode { get; set; }

        /// <summary>The requestIdentifier; a new UUID per request when absent. Pass the same one to repeat a request safely.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("request_identifier")]
        public Guid? RequestIdentifier { get; set; }

        /// <summary>Skips the extra question the mass extension asks (it reaches every active subscriber of the product).</summary>
        [Parameter(ParameterSetName = AllParameterSet)]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            if (OriginalTransactionId != null && WriteErrorIfNotTransactionId(OriginalTransactionId))
            {
                return;
            }

            string identifier = (RequestIdentifier ?? Guid.NewGuid()).ToString("D");
            ServerApiRequest request;
            string target;
            if (AllActiveSubscribers)
            {
                request = ServerApiOperations.MassExtendRenewalDate(ProductId, StorefrontCountryCode, ExtendByDays, ReasonCode, identifier);
                target = ProductId;
                // Every active subscriber of the product (high impact): ask even when the user's preference would not, unless -Force.
                if (!ShouldProcess($"all active subscribers of {ProductId}", $"Extend renewal by {ExtendByDays} days (requestIdentifier {identifier})")
                    || (!Force && !ShouldContinue($"Extend the renewal date of every active subscriber of {ProductId} by {ExtendByDays} days?", "Mass renewal date extension")))
                {
                    return;
                }
            }
            else
            {
                request = ServerApiOperations.ExtendRenewalDate(OriginalTransactionId!, ExtendByDays, ReasonCode, identifier);
                target = OriginalTransactionId!;
                if (!ShouldProcess(OriginalTransactionId, $"Extend renewal by {ExtendByDays} days (requestIdentifier {identifier})"))
                {
                    return;
                }
            }

            try
            {
                ServerApiResponse response = Send(request);
                object? result;
                try
                {
                    result = FromJsonWithDates(request, response.Body);
                }
                catch (AppStoreServerApiException e)
                {
                    // Apple accepted the request (2xx) but its answer is unreadable: the extension was most likely applied.
                    throw e.With(e.Message + $" Apple answered HTTP {response.StatusCode}, so the extension was probably applied (requestIdentifier {identifier}); check it with Get-AppStoreRenewalExtensionStatus or the subscription's renewal date before repeating it, and repeat it only with -RequestIdentifier {identifier}.",
                        identifier, true);
                }

                PSObject output = result as PSObject ?? new PSObject();
                if (output.Properties["requestIdentifier"] == null)
                {
                    output.Properties.Add(new PSNoteProperty("requestIdentifier", identifier));
                }

                WriteObject(output);
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AggregateException)
            {
                WriteApiError(e, target);
            }
        }
    }
}
