using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Configures the message Apple shows by default for a product in a locale (Configure Default Message).</summary>
    [Cmdlet(VerbsCommon.Set, "AppStoreRetentionDefaultMessage", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class SetAppStoreRetentionDefaultMessageCommand : AppStoreServerApiCommand, IDynamicParameters
    {
        private readonly DefaultMessageParameters message = new DefaultMessageParameters();

        public object GetDynamicParameters() => message;

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

            string target = message.Target;
            try
            {
                ServerApiRequest request = ServerApiOperations.ConfigureDefaultMessage(message.ProductId, message.Locale, MessageIdentifier);
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
