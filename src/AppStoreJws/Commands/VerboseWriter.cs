using AppStoreJws.Signing;

namespace AppStoreJws.Commands
{
    /// <summary>
    /// Verbose output that is only composed when someone will see it: bulk signing writes one message per row,
    /// and decoding a token for a message nobody reads would cost as much as the rest of the row's overhead.
    /// </summary>
    internal sealed class VerboseWriter
    {
        private readonly PSCmdlet cmdlet;
        private readonly bool enabled;

        public VerboseWriter(PSCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
            enabled = cmdlet.MyInvocation.BoundParameters.TryGetValue("Verbose", out object? value)
                ? ((SwitchParameter)value).IsPresent
                : cmdlet.GetVariableValue("VerbosePreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue;
        }

        public void Write(Func<string> message)
        {
            if (enabled)
            {
                cmdlet.WriteVerbose(message());
            }
        }

        /// <summary>The exact header and payload that were signed, decoded from the token itself: no second serialisation that could differ.</summary>
        public void WriteSignedJson(string token)
        {
            if (enabled)
            {
                (string header, string payload) = CompactJws.DecodeHeaderAndPayload(token);
                cmdlet.WriteVerbose("Signed JWS header: " + header);
                cmdlet.WriteVerbose("Signed JWS payload: " + payload);
            }
        }
    }
}
