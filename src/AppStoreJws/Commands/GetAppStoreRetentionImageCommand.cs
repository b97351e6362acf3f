using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Lists the uploaded retention images with their review state (Get Image List): PENDING_REVIEW, APPROVED or REJECTED.</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreRetentionImage")]
    [OutputType(RetentionLists.ImageTypeName)]
    public sealed class GetAppStoreRetentionImageCommand : AppStoreServerApiCommand
    {
        protected override void EndProcessing() => SendForInput(null, () =>
        {
            ServerApiRequest request = ServerApiOperations.ImageList();
            foreach (PSObject item in RetentionLists.Items(FromJson(request, Send(request).Body), "imageIdentifiers", RetentionLists.ImageTypeName))
            {
                WriteObject(item);
            }
        });
    }
}
