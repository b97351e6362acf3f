using AppStoreJws.Inspection;

namespace AppStoreJws.Commands
{
    /// <summary>Decodes any compact JWS (ours or not, bearer tokens too) into its header and payload; needs no key.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "AppStoreJws")]
    [OutputType(typeof(DecodedJws))]
    public sealed class ConvertFromAppStoreJwsCommand : PSCmdlet
    {
        /// <summary>A compact JWS or a "Bearer <token>" Authorization value, or any object with a Token or Authorization property (such as this module's output).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [NoKeyText(InRow = true)]
        [Alias("Authorization")]
        public string Token { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            if (NoKeyTextAttribute.WriteErrorIfRefused(this))
            {
                return;
            }

            try
            {
                WriteObject(JwsDecoder.Decode(TokenInput.WithoutScheme(Token)));
            }
            catch (AppStoreJwsException e)
            {
                WriteError(ErrorRecords.From(e, Token.Length > 80 ? Token.Substring(0, 80) + "…" : Token));
            }
        }
    }
}
