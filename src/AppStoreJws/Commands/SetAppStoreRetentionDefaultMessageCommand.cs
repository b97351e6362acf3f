using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Configures the message Apple shows by default for a product in a locale (Configure Default Message).</summary>
    [Cmdlet(VerbsCommon.Set, "AppStoreRetentionDefaultMessage", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class SetAppStoreRetentionDefaultMessageCommand : AppStoreServerApiCommand
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

        /// <summary>An approved message's identifier (sent in lowercase).</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("message_identifier", "MessageId")]
        public Guid MessageIdentifier { get; set; }

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            string target = ProductId + " " + Locale;
            try
            {
                ServerApiRequest request = ServerApiOperations.ConfigureDefaultMessage(ProductId, Locale, MessageIdentifier);
                if (ShouldProcess(target, "Set the default retention message to " + ServerApiOperations.Lowercase(MessageIdentifier)))
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
