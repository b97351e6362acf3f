using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Removes the default message of a product in a locale (Delete Default Message).</summary>
    [Cmdlet(VerbsCommon.Remove, "AppStoreRetentionDefaultMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAppStoreRetentionDefaultMessageCommand : AppStoreServerApiCommand, IDynamicParameters
    {
        private readonly DefaultMessageParameters message = new DefaultMessageParameters();

        public object GetDynamicParameters() => message;

        protected override void ProcessRecord() => SendForInput(message.Target, () =>
        {
            ServerApiRequest request = ServerApiOperations.DeleteDefaultMessage(message.ProductId, message.Locale);
            if (ShouldProcess(message.Target, "Remove the default retention message"))
            {
                Send(request);
            }
        });
    }
}
