using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.Signing;

namespace AppStoreJws.ServerApi
{
    /// <summary>Builds the claims of the server API bearer tokens (see docs/WireFormat.md) and signs them with <see cref="Es256Signer"/>.</summary>
    internal static class BearerTokenFactory
    {
        /// <summary>Apple's own libraries use 5 minutes and a new token per request.</summary>
        public static readonly TimeSpan ServerApiDefaultLifetime = TimeSpan.FromMinutes(5);

        public static readonly TimeSpan ServerApiMaximumLifetime = TimeSpan.FromMinutes(60);

        public static readonly TimeSpan ConnectApiDefaultLifetime = TimeSpan.FromMinutes(15);

        public static readonly TimeSpan ConnectApiMaximumLifetime = TimeSpan.FromMinutes(20);

        internal static readonly Regex ScopePattern = new Regex("^[A-Z]+ /[^\\s]*$", RegexOptions.CultureInvariant);

        /// <summary>The lifetime an App Store Server API token gets: the default when none is given, else the given one if Apple accepts it.</summary>
        public static TimeSpan ResolveServerApiLifetime(TimeSpan? lifetime) =>
            ResolveLifetime(lifetime, ServerApiDefaultLifetime, ServerApiMaximumLifetime, "App Store Server API");

        public static TimeSpan ResolveConnectApiLifetime(TimeSpan? lifetime) =>
            ResolveLifetime(lifetime, ConnectApiDefaultLifetime, ConnectApiMaximumLifetime, "App Store Connect API");

        public static AppStoreServerApiToken CreateServerApiToken(AppStoreKey key, TokenIssuance issuance, TimeSpan? lifetime)
        {
            TimeSpan validFor = ResolveServerApiLifetime(lifetime);
            string issuerId = TokenIssuance.ResolveIssuerId(key);
            string bundleId = issuance.ResolveBundleId(key);
            DateTimeOffset issuedAt = issuance.ResolveIssuedAt();
            DateTimeOffset expiresAt = Expiry(issuedAt, validFor);

            ClaimSet claims = new ClaimSet()
                .Add("iss", issuerId)
                .Add("iat", issuedAt.ToUnixTimeSeconds())
                .Add("exp", expiresAt.ToUnixTimeSeconds())
                .Add("aud", ServerApiAudience.AppStoreConnect)
                .Add("bid", bundleId);
            return new AppStoreServerApiToken(Es256Signer.Sign(key, claims), key.KeyId, issuedAt, expiresAt, issuerId, bundleId);
        }

        /// <summary>A team key's token carries iss; an individual key's carries sub "user" and no iss. An empty scope is left out.</summary>
        public static AppStoreConnectApiToken CreateConnectApiToken(AppStoreKey key, TokenIssuance issuance, TimeSpan? lifetime,
            AppStoreConnectKeyType keyType, IReadOnlyList<string>? scope)
        {
            TimeSpan validFor = ResolveConnectApiLifetime(lifetime);
            string? issuerId = keyType == AppStoreConnectKeyType.Team ? TokenIssuance.ResolveIssuerId(key) : null;
            IReadOnlyList<string>? operations = scope == null || scope.Count == 0 ? null : ValidateScope(scope);
            DateTimeOffset issuedAt = issuance.ResolveIssuedAt();
            DateTimeOffset expiresAt = Expiry(issuedAt, validFor);

            ClaimSet claims = issuerId != null
                ? new ClaimSet().Add("iss", issuerId)
                : new ClaimSet().Add("sub", ServerApiAudience.IndividualKeySubject);
            claims.Add("iat", issuedAt.ToUnixTimeSeconds())
                .Add("exp", expiresAt.ToUnixTimeSeconds())
                .Add("aud", ServerApiAudience.AppStoreConnect);
            if (operations != null)
            {
                claims.Add("scope", operations);
            }

            return new AppStoreConnectApiToken(Es256Signer.Sign(key, claims), key.KeyId, issuedAt, expiresAt, keyType, issuerId, operations);
        }

        // exp comes from the same (already whole-second, already backdated) instant as iat, so exp - iat is exactly the lifetime.
        private static DateTimeOffset Expiry(DateTimeOffset issuedAt, TimeSpan lifetime) =>
            DateTimeOffset.FromUnixTimeSeconds(issuedAt.ToUnixTimeSeconds() + (long)lifetime.TotalSeconds);

        private static TimeSpan ResolveLifetime(TimeSpan? lifetime, TimeSpan defaultLifetime, TimeSpan maximum, string api)
        {
            TimeSpan value = lifetime ?? defaultLifetime;
            if (value < TimeSpan.FromSeconds(1))
            {
                throw new AppStoreJwsException(ErrorIds.InvalidLifetime, ErrorKind.InvalidArgument,
                    $"The token lifetime must be at least 1 second; found {value}. Give seconds (600), a TimeSpan such as (New-TimeSpan -Minutes 10), " +
                    $"an ISO 8601 duration (PT10M) or '00:10:00', or leave it out for the {api} default of {defaultLifetime.TotalMinutes} minutes.");
            }

            if (value > maximum)
            {
                throw new AppStoreJwsException(ErrorIds.LifetimeTooLong, ErrorKind.InvalidArgument,
                    $"The token lifetime {value} is longer than Apple accepts for {api} tokens: at most {maximum.TotalMinutes} minutes. " +
                    "Make a new token when it expires instead.");
            }

            return value;
        }

        private static IReadOnlyList<string> ValidateScope(IReadOnlyList<string> scope)
        {
            foreach (string? operation in scope)
            {
                if (operation == null || !ScopePattern.IsMatch(operation))
                {
                    string hint = operation != null && operation.IndexOf("://", StringComparison.Ordinal) >= 0
                        ? " Give the path only, without https:// and the host."
                        : string.Empty;
                    throw new AppStoreJwsException(ErrorIds.InvalidScope, ErrorKind.InvalidArgument,
                        $"The scope entry '{operation}' is not an operation: expected an uppercase HTTP method, one space and a path, " +
                        $"such as 'GET /v1/apps?filter[platform]=IOS'.{hint}");
                }
            }

            return new List<string>(scope).AsReadOnly();
        }
    }
}
