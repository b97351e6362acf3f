using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Points Apple at the app's server for real-time retention requests (Configure Realtime URL); https only.</summary>
    [Cmdlet(VerbsCommon.Set, "AppStoreRetentionRealtimeUrl", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class SetAppStoreRetentionRealtimeUrlCommand : AppStoreServerApiCommand
    {
        /// <summary>The https URL Apple POSTs real-time requests to.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("realtimeURL", "realtime_url")]
        [ValidateNotNullOrEmpty]
        [NoKeyText(InRow = true)]
        public string Url { get; set; } = null!;

        protected override void ProcessRecord() => SendForInput(Url, () =>
        {
            ServerApiRequest request = ServerApiOperations.ConfigureRealtimeUrl(Url);
            if (ShouldProcess(BaseUri ?? Environment, "Set the real-time retention URL to " + Url))
            {
                Send(request);
            }
        });
    }
}
