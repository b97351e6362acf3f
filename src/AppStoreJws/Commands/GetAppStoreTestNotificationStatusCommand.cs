using AppStoreJws.Lookups;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.Verifying;

namespace AppStoreJws.Commands
{
    /// <summary>What became of a test notification (Get Test Notification Status): the notification, verified and decoded, with its send attempts.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreTestNotificationStatus")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreTestNotificationStatusCommand : AppStoreServerApiCommand, IDynamicParameters
    {
        private readonly SignedDataReading reading;

        public GetAppStoreTestNotificationStatusCommand() => reading = Hold(new SignedDataReading(new SignedDataParameters()));

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("test_notification_token")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string TestNotificationToken { get; set; } = null!;

        public object GetDynamicParameters() => reading.Parameters;

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            try
            {
                ServerApiRequest request = ServerApiOperations.TestNotificationStatus(TestNotificationToken);
                WriteObject(SignedDataRun.NotificationWithAttempts(reading.Run.Verifier, request, ServerApiAnswer.Object(request, Send(request))));
            }
            catch (System.Exception e) when (e is AppStoreServerApiException || e is SignedFieldException || e is AppStoreJwsException || e is System.AggregateException)
            {
                reading.Run.WriteFailure(e, TestNotificationToken);
            }
        }
    }
}
