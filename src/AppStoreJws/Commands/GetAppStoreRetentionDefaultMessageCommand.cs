using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>The message configured as the default for a product in a locale (Get Default Message).</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreRetentionDefaultMessage")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreRetentionDefaultMessageCommand : AppStoreServerApiCommand
    {
        /// <summary>The type name the format view shows.</summary>
        public const string TypeName = "AppStoreJws.RetentionDefaultMessage";

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
                ServerApiRequest request = ServerApiOperations.GetDefaultMessage(ProductId, Locale);
                string messageIdentifier = ServerApiAnswer.RequiredString(request, ServerApiAnswer.Object(request, Send(request)), "messageIdentifier");
                PSObject result = new PSObject();
                result.Properties.Add(new PSNoteProperty("productId", ProductId));
                result.Properties.Add(new PSNoteProperty("locale", Locale));
                result.Properties.Add(new PSNoteProperty("messageIdentifier", messageIdentifier));
                result.TypeNames.Insert(0, TypeName);
                WriteObject(result);
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
