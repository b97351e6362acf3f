using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>What became of a test notification (Get Test Notification Status): the notification, verified and decoded, with its send attempts.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreTestNotificationStatus")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreTestNotificationStatusCommand : AppStoreServerApiSignedDataCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("test_notification_token")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string TestNotificationToken { get; set; } = null!;

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            try
            {
                ServerApiRequest request = ServerApiOperations.TestNotificationStatus(TestNotificationToken);
                WriteObject(NotificationWithAttempts(Verifier, request, ServerApiAnswer.Object(request, Send(request))));
            }
            catch (System.Exception e) when (e is AppStoreServerApiException || e is SignedFieldException || e is AppStoreJwsException || e is System.AggregateException)
            {
                WriteFailure(e, TestNotificationToken);
            }
        }
    }
}
