using AppStoreJws.ServerApi;
using AppStoreJws.Pipeline;
using AppStoreJws.Signing;

namespace AppStoreJws.Commands
{
    /// <summary>Signs a bearer token for the App Store Server API (and the server-to-server Advanced Commerce API) with the In-App Purchase key.</summary>
    [Cmdlet(VerbsCommon.New, "AppStoreServerApiToken")]
    [OutputType(typeof(AppStoreServerApiToken))]
    public sealed class NewAppStoreServerApiTokenCommand : BearerTokenCommand
    {
        /// <summary>The app's bundle ID (the bid claim); defaults to the key's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [NoKeyText(InRow = true)]
        public string? BundleId { get; set; }

        private protected override string? BundleIdValue => BundleId;

        private protected override object RowTarget => BundleId ?? Key.KeyId;

        private protected override void ValidateConfiguration(AppStoreKey key, TimeSpan? lifetime)
        {
            BearerTokenFactory.ResolveServerApiLifetime(lifetime);
            TokenIssuance.ResolveIssuerId(key);
        }

        private protected override BearerToken Create(AppStoreKey key, TokenIssuance issuance, TimeSpan? lifetime)
        {
            RequireBundleIdSource(CurrentInput.Of(this));
            issuance.BundleId = BundleId;
            return BearerTokenFactory.CreateServerApiToken(key, issuance, lifetime);
        }
    }
}
