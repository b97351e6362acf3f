using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Configures the message Apple shows by default for a product in a locale (Configure Default Message).</summary>
    [Cmdlet(VerbsCommon.Set, "AppStoreRetentionDefaultMessage", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class SetAppStoreRetentionDefaultMessageCommand : AppStoreServerApiCommand, IDynamicParameters
    {
        private readonly DefaultMessageAssignmentParameters message = new DefaultMessageAssignmentParameters();

        public object GetDynamicParameters() => message;

        protected override void ProcessRecord() => SendForInput(message.Target, () =>
        {
            ServerApiRequest request = ServerApiOperations.ConfigureDefaultMessage(message.ProductId, message.Locale, message.MessageIdentifier);
            if (ShouldProcess(message.Target, "Set the default retention message to " + ServerApiOperations.Lowercase(message.MessageIdentifier)))
            {
                Send(request);
            }
        });
    }
}
