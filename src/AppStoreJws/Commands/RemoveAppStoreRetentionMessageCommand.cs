using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>Deletes an uploaded retention message (Delete Message).</summary>
    [Cmdlet(VerbsCommon.Remove, "AppStoreRetentionMessage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAppStoreRetentionMessageCommand : AppStoreServerApiCommand
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("message_identifier")]
        public Guid MessageIdentifier { get; set; }

        protected override void ProcessRecord()
        {
            ServerApiRequest request = ServerApiOperations.DeleteMessage(MessageIdentifier);
            if (!ShouldProcess(ServerApiOperations.Identifier(MessageIdentifier), "Delete retention message"))
            {
                return;
            }

            SendForInput(MessageIdentifier, () => Send(request));
        }
    }
}
