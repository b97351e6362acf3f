using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Lists the uploaded retention messages with their review state (Get Message List): PENDING_REVIEW, APPROVED or REJECTED.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreRetentionMessage")]
    [OutputType(RetentionLists.MessageTypeName)]
    public sealed class GetAppStoreRetentionMessageCommand : AppStoreServerApiCommand
    {
        protected override void EndProcessing()
        {
            ServerApiRequest request = ServerApiOperations.MessageList();
            try
            {
                object? answer = FromJson(request, Send(request).Body);
                foreach (PSObject item in RetentionLists.Items(answer, "messageIdentifiers", RetentionLists.MessageTypeName))
                {
                    WriteObject(item);
                }
            }
            catch (Exception e) when (e is AppStoreServerApiException || e is AggregateException)
            {
                WriteApiError(e, null);
            }
        }
    }
}
