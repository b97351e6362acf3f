using AppStoreJws.ServerApi.Client;

namespace AppStoreJws.Commands
{
    /// <summary>The message configured as the default for a product in a locale (Get Default Message).</summary>
    [Cmdlet(VerbsCommon.Get, "AppStoreRetentionDefaultMessage")]
    [OutputType(typeof(PSObject))]
    public sealed class GetAppStoreRetentionDefaultMessageCommand : AppStoreServerApiCommand, IDynamicParameters
    {
        /// <summary>The type name the format view shows.</summary>
        public const string TypeName = "AppStoreJws.RetentionDefaultMessage";

        private readonly DefaultMessageParameters message = new DefaultMessageParameters();

        public object GetDynamicParameters() => message;

        protected override void ProcessRecord() => SendForInput(message.Target, () =>
        {
            ServerApiRequest request = ServerApiOperations.GetDefaultMessage(message.ProductId, message.Locale);
            string messageIdentifier = ServerApiAnswer.RequiredString(request, ServerApiAnswer.Object(request, Send(request)), "messageIdentifier");
            PSObject result = new PSObject();
            result.Properties.Add(new PSNoteProperty("productId", message.ProductId));
            result.Properties.Add(new PSNoteProperty("locale", message.Locale));
            result.Properties.Add(new PSNoteProperty("messageIdentifier", messageIdentifier));
            result.TypeNames.Insert(0, TypeName);
            WriteObject(result);
        });
    }
}
