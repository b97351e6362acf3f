using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Lists the uploaded retention messages with their review state (Get Message List): PENDING_REVIEW, APPROVED or REJECTED.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreRetentionMessage")]
    [OutputType(RetentionLists.MessageTypeName)]
    public sealed class GetAppStoreRetentionMessageCommand : AppStoreServerApiCommand
    {
        protected override void EndProcessing() => SendForInput(null, () =>
        {
            ServerApiRequest request = ServerApiOperations.MessageList();
            foreach (PSObject item in RetentionLists.Items(FromJson(request, Send(request).Body), "messageIdentifiers", RetentionLists.MessageTypeName))
            {
                WriteObject(item);
            }
        });
    }
}
