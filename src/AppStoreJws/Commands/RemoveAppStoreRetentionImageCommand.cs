using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Deletes an uploaded retention image (Delete Image); Apple refuses one a message still uses (IMAGE_IN_USE).</summary>
    [Cmdlet(VerbsCommon.Remove, "AppStoreRetentionImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAppStoreRetentionImageCommand : AppStoreServerApiCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("image_identifier")]
        public Guid ImageIdentifier { get; set; }

        protected override void ProcessRecord()
        {
            ServerApiRequest request = ServerApiOperations.DeleteImage(ImageIdentifier);
            if (!ShouldProcess(ServerApiOperations.Identifier(ImageIdentifier), "Delete retention image"))
            {
                return;
            }

            SendForInput(ImageIdentifier, () => Send(request));
        }
    }
}
