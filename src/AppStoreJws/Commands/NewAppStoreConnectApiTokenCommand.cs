using AppStoreJws.ServerApi;
using AppStoreJws.Signing;

namespace AppStoreJws.Commands
{
    /// <summary>Signs a bearer token for the App Store Connect API with a team key (iss) or an individual key (sub "user").</summary>
    [Cmdlet(VerbsCommon.New, "AppStoreConnectApiToken")]
    [OutputType(typeof(AppStoreConnectApiToken))]
    public sealed class NewAppStoreConnectApiTokenCommand : BearerTokenCommand
    {
        /// <summary>The key is an individual key: the token carries sub "user" and no iss, so no issuer ID is needed.</summary>
        [Parameter]
        public SwitchParameter IndividualKey { get; set; }

        /// <summary>Limits the token to these operations, each "METHOD /path", such as "GET /v1/apps?filter[platform]=IOS".</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyCollection]
        [NoKeyText(InRow = true)]
        public string[]? Scope { get; set; }

        private AppStoreConnectKeyType KeyType => IndividualKey.IsPresent ? AppStoreConnectKeyType.Individual : AppStoreConnectKeyType.Team;

        private protected override object RowTarget => Scope == null ? (object)Key.KeyId : string.Join(", ", Scope);

        private protected override void ValidateConfiguration(AppStoreKey key, TimeSpan? lifetime)
        {
            BearerTokenFactory.ResolveConnectApiLifetime(lifetime);
            if (KeyType == AppStoreConnectKeyType.Team)
            {
                TokenIssuance.ResolveIssuerId(key);
            }
        }

        private protected override BearerToken Create(AppStoreKey key, TokenIssuance issuance, TimeSpan? lifetime) =>
            BearerTokenFactory.CreateConnectApiToken(key, issuance, lifetime, KeyType, Scope);
    }
}
