using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>How far a mass renewal date extension has got: complete, completeDate, succeededCount, failedCount.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreRenewalExtensionStatus")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreRenewalExtensionStatusCommand : AppStoreServerApiCommand
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("product_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string ProductId { get; set; } = null!;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("request_identifier")]
        public Guid RequestIdentifier { get; set; }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            try
            {
                // A product ID of . or .. would be a dot segment: refused for this row (UnsafeServerApiPath).
                ServerApiRequest request = ServerApiOperations.RenewalExtensionStatus(ProductId, RequestIdentifier);
                object? result = FromJsonWithDates(request, Send(request).Body);
                if (result != null)
                {
                    WriteObject(result);
                }
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AppStoreJwsException || e is AggregateException)
            {
                WriteApiError(e, RequestIdentifier);
            }
        }
    }
}
