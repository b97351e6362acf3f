using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Removes the default message of a product in a locale (Delete Default Message).</summary>
    [Cmdlet(VerbsCommon.Remove, "AppStoreRetentionDefaultMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAppStoreRetentionDefaultMessageCommand : AppStoreServerApiCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("product_id")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string ProductId { get; set; } = null!;

        /// <summary>Apple's locale short code (en-US, de-DE, ja…), case-sensitive.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.RetentionLocaleCompleter))]
        [NoKeyText(InRow = true)]
        public string Locale { get; set; } = null!;

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            string target = ProductId + " " + Locale;
            try
            {
                ServerApiRequest request = ServerApiOperations.DeleteDefaultMessage(ProductId, Locale);
                if (ShouldProcess(target, "Remove the default retention message"))
                {
                    Send(request);
                }
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, target));
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AggregateException)
            {
                WriteApiError(e, target);
            }
        }
    }
}
