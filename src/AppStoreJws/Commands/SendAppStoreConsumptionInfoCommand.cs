using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Answers a CONSUMPTION_REQUEST notification: tells Apple how much of a purchase the customer used and which
    /// outcome of the refund request the app prefers (Send Consumption Information v2).
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "AppStoreConsumptionInfo", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class SendAppStoreConsumptionInfoCommand : AppStoreServerApiCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("transaction_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string TransactionId { get; set; } = null!;

        /// <summary>Whether the customer consented to share consumption data with the App Store; Apple requires true.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("customer_consented")]
        [ArgumentCompleter(typeof(Completion.BooleanCompleter))]
        public bool CustomerConsented { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("delivery_status")]
        [ValidateSet("DELIVERED", "UNDELIVERED_QUALITY_ISSUE", "UNDELIVERED_WRONG_ITEM", "UNDELIVERED_SERVER_OUTAGE", "UNDELIVERED_OTHER", IgnoreCase = true)]
        [NoKeyText(InRow = true)]
        public string DeliveryStatus { get; set; } = null!;

        /// <summary>Whether a free sample, trial or description of the content was offered before the purchase.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("sample_content_provided")]
        [ArgumentCompleter(typeof(Completion.BooleanCompleter))]
        public bool SampleContentProvided { get; set; }

        /// <summary>How much of the purchase was consumed, in thousandths of a percent (0 to 100000).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("consumption_percentage")]
        [ValidateRange(0, 100000)]
        public int? ConsumptionPercentage { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("refund_preference")]
        [ValidateSet("DECLINE", "GRANT_FULL", "GRANT_PRORATED", IgnoreCase = true)]
        [NoKeyText(InRow = true)]
        public string? RefundPreference { get; set; }

        protected override void ProcessRecord()
        {
            if (WriteErrorIfRowRefused(TransactionId))
            {
                return;
            }

            ServerApiRequest request = ServerApiOperations.ConsumptionInformation(TransactionId, new ConsumptionInformation
            {
                CustomerConsented = CustomerConsented,
                ConsumptionPercentage = ConsumptionPercentage,
                DeliveryStatus = DeliveryStatus.ToUpperInvariant(),
                RefundPreference = RefundPreference?.ToUpperInvariant(),
                SampleContentProvided = SampleContentProvided,
            });
            if (!ShouldProcess(TransactionId, $"Send consumption information ({DeliveryStatus.ToUpperInvariant()}{(RefundPreference == null ? "" : ", " + RefundPreference.ToUpperInvariant())})"))
            {
                return;
            }

            SendForInput(TransactionId, () => Send(request));
        }
    }
}
