using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>The URL Apple sends real-time retention requests to (Get Realtime URL).</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreRetentionRealtimeUrl")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreRetentionRealtimeUrlCommand : AppStoreServerApiCommand
    {
        /// <summary>The type name the format view shows.</summary>
        public const string TypeName = "AppStoreJws.RetentionRealtimeUrl";

        protected override void ProcessRecord() => SendForInput(null, () =>
        {
            ServerApiRequest request = ServerApiOperations.GetRealtimeUrl();
            string url = ServerApiAnswer.RequiredString(request, ServerApiAnswer.Object(request, Send(request)), "realtimeURL");
            PSObject result = new PSObject();
            result.Properties.Add(new PSNoteProperty("realtimeURL", url));
            result.TypeNames.Insert(0, TypeName);
            WriteObject(result);
        });
    }
}
