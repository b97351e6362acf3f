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

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            string target = message.Target;
            try
            {
                ServerApiRequest request = ServerApiOperations.DeleteDefaultMessage(message.ProductId, message.Locale);
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
