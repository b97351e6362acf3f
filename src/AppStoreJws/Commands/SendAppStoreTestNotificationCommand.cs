using System;
using System.Management.Automation;
using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Asks Apple to send a TEST notification to the app's server notification URL; returns the testNotificationToken.</summary>
    [Cmdlet(VerbsCommunications.Send, "AppStoreTestNotification", SupportsShouldProcess = true)]
    [OutputType(typeof(PSObject))]
    public sealed class SendAppStoreTestNotificationCommand : AppStoreServerApiCommand
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess(BaseUri ?? Environment, "Request a test notification"))
            {
                return;
            }

            try
            {
                object? result = FromJsonWithDates(Send(new ServerApiRequest("POST", "/inApps/v1/notifications/test")).Body);
                if (result != null)
                {
                    WriteObject(result);
                }
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AggregateException)
            {
                WriteApiError(e, null);
            }
        }
    }
}
