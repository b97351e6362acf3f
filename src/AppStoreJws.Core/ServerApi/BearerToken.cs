using System;
using System.Collections.Generic;

namespace AppStoreJws.ServerApi
{
    /// <summary>A signed bearer token for one of Apple's server APIs. <see cref="ToString"/> is the compact token.</summary>
    public abstract class BearerToken
    {
        private protected BearerToken(string token, string keyId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
        {
            Token = token;
            KeyId = keyId;
            IssuedAt = issuedAt;
            ExpiresAt = expiresAt;
            Authorization = "Bearer " + token;
        }

        /// <summary>The compact JWS.</summary>
        public string Token { get; }

        /// <summary>The Authorization header value: <c>Bearer</c> and the token.</summary>
        public string Authorization { get; }

        public string Audience => ServerApiAudience.AppStoreConnect;

        public string KeyId { get; }

        /// <summary>The iat claim (already backdated by any clock skew).</summary>
        public DateTimeOffset IssuedAt { get; }

        /// <summary>The exp claim: Apple refuses the token from this instant on.</summary>
        public DateTimeOffset ExpiresAt { get; }

        public TimeSpan Lifetime => ExpiresAt - IssuedAt;

        public override string ToString() => Token;
    }

    /// <summary>An App Store Server API token (In-App Purchase key): iss, iat, exp, aud, bid.</summary>
    public sealed class AppStoreServerApiToken : BearerToken
    {
        internal AppStoreServerApiToken(string token, string keyId, DateTimeOffset issuedAt, DateTimeOffset expiresAt, string issuerId, string bundleId)
            : base(token, keyId, issuedAt, expiresAt)
        {
            IssuerId = issuerId;
            BundleId = bundleId;
        }

        public string IssuerId { get; }

        public string BundleId { get; }
    }

    /// <summary>Whose App Store Connect API key signed a token: a team key carries iss, an individual key sub "user".</summary>
    internal enum AppStoreConnectKeyType
    {
        Team,
        Individual,
    }

    /// <summary>An App Store Connect API token: iss (team key) or sub "user" (individual key), iat, exp, aud, optional scope.</summary>
    public sealed class AppStoreConnectApiToken : BearerToken
    {
        internal AppStoreConnectApiToken(string token, string keyId, DateTimeOffset issuedAt, DateTimeOffset expiresAt, AppStoreConnectKeyType keyType,
            string? issuerId, IReadOnlyList<string>? scope)
            : base(token, keyId, issuedAt, expiresAt)
        {
            ConnectKeyType = keyType;
            IssuerId = issuerId;
            Scope = scope;
        }

        /// <summary>Team or Individual, by name.</summary>
        public string KeyType => ConnectKeyType.ToString();

        internal AppStoreConnectKeyType ConnectKeyType { get; }

        /// <summary>The iss claim; null for an individual key, whose token has none.</summary>
        public string? IssuerId { get; }

        /// <summary>The sub claim: "user" for an individual key, null for a team key.</summary>
        public string? Subject => ConnectKeyType == AppStoreConnectKeyType.Individual ? ServerApiAudience.IndividualKeySubject : null;

        /// <summary>The operations the token is limited to, or null when it is not limited.</summary>
        public IReadOnlyList<string>? Scope { get; }
    }

    internal static class ServerApiAudience
    {
        /// <summary>The aud of both the App Store Server API and the App Store Connect API tokens.</summary>
        public const string AppStoreConnect = "appstoreconnect-v1";

        public const string IndividualKeySubject = "user";
    }
}
