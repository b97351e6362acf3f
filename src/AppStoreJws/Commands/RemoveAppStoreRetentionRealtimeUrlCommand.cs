using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Removes the real-time URL (Delete Realtime URL): Apple then shows only default messages.</summary>
    [Cmdlet(VerbsCommon.Remove, "AppStoreRetentionRealtimeUrl", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAppStoreRetentionRealtimeUrlCommand : AppStoreServerApiCommand
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess(BaseUri ?? Environment, "Remove the real-time retention URL"))
            {
                return;
            }

            SendForInput(null, () => Send(ServerApiOperations.DeleteRealtimeUrl()));
        }
    }
}
