using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Lists the uploaded retention images with their review state (Get Image List): PENDING_REVIEW, APPROVED or REJECTED.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreRetentionImage")]
    [OutputType(RetentionLists.ImageTypeName)]
    public sealed class GetAppStoreRetentionImageCommand : AppStoreServerApiCommand
    {
        protected override void EndProcessing()
        {
            ServerApiRequest request = ServerApiOperations.ImageList();
            try
            {
                object? answer = FromJson(request, Send(request).Body);
                foreach (PSObject item in RetentionLists.Items(answer, "imageIdentifiers", RetentionLists.ImageTypeName))
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
