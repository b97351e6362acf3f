using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using AppStoreJws.AdvancedCommerce;
using AppStoreJws.Checks;
using AppStoreJws.Inspection;
using AppStoreJws.Keys;
using AppStoreJws.ServerApi;
using AppStoreJws.Signing;
using AppStoreJws.StoreKit;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>
    /// What the module signs, its own linter passes without a warning: a factory and the linter's claim profile
    /// that disagree (a claim added to one and not the other) fail here. Every factory of the core is listed.
    /// </summary>
    public class FactoryLintTests
    {
        private const string IssuerId = "57246542-96fe-1a63-e053-0824d011072a";
        private const string BundleId = "com.example.app";

        private static readonly ECDsa Signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        private static readonly AppStoreKey Key = AppStoreKeyLoader.LoadText(Signer.ExportPkcs8PrivateKeyPem(), "test",
            new KeyIdentity { KeyId = "ABCDE12345", IssuerId = IssuerId, BundleId = BundleId }, new KeyLoadReport());

        private static readonly Dictionary<string, Func<string>> Factories = new Dictionary<string, Func<string>>
        {
            ["promotional offer"] = () => StoreKitJwsFactory.CreatePromotionalOffer(Key, new TokenIssuance(), "com.example.sub", "WINBACK1", "2000000123456789").Token,
            ["promotional offer without transaction"] = () => StoreKitJwsFactory.CreatePromotionalOffer(Key, new TokenIssuance(), "com.example.sub", "WINBACK1", null).Token,
            ["intro eligibility"] = () => StoreKitJwsFactory.CreateIntroEligibility(Key, new TokenIssuance(), "com.example.sub", false, "2000000123456789").Token,
            ["advanced commerce"] = () => StoreKitJwsFactory.CreateAdvancedCommerce(Key, new TokenIssuance(), AdvancedCommerceRequestReader.Read(
                "{\"operation\":\"CREATE_ONE_TIME_CHARGE\",\"version\":\"1\",\"requestInfo\":{\"requestReferenceId\":\"f55df048-4cd8-4261-b404-b6f813ff70e5\"}," +
                "\"currency\":\"USD\",\"taxCode\":\"C003-00-2\",\"storefront\":\"USA\",\"item\":{\"SKU\":\"BOOK1\",\"displayName\":\"Book\",\"description\":\"A book\",\"price\":4990}}")).Token,
            ["server api bearer"] = () => BearerTokenFactory.CreateServerApiToken(Key, new TokenIssuance(), null).Token,
            ["connect api team bearer"] = () => BearerTokenFactory.CreateConnectApiToken(Key, new TokenIssuance(), null, AppStoreConnectKeyType.Team, new[] { "GET /v1/apps" }).Token,
            ["connect api individual bearer"] = () => BearerTokenFactory.CreateConnectApiToken(Key, new TokenIssuance(), null, AppStoreConnectKeyType.Individual, null).Token,
        };

        public static IEnumerable<object[]> FactoryNames => Factories.Keys.Select(name => new object[] { name });

        [Theory]
        [MemberData(nameof(FactoryNames))]
        public void WhatTheFactoryMakesLintsWithoutAWarning(string factory)
        {
            string token = Factories[factory]();
            // App Store Connect API tokens carry no bid: only the others are checked against the app's bundle ID.
            string? bundleId = JwsDecoder.Decode(token).Payload.Contains("bid") ? BundleId : null;
            JwsLintReport report = JwsLinter.Lint(token, JwsVerificationKey.FromKey(Key), new JwsLintOptions { BundleId = bundleId });

            Assert.True(report.IsValid, string.Join("\n", report.Checks));
            Assert.All(report.Checks, check => Assert.True(check.Outcome == CheckResult.Pass, check.ToString()));
        }

        [Fact]
        public void EveryAudienceTheLinterKnowsHasAFactoryHere()
        {
            IEnumerable<string?> made = Factories.Values.Select(make => JwsDecoder.Decode(make()).Audience);

            Assert.All(ClaimProfile.All, profile => Assert.Contains(profile.Audience, made));
        }
    }
}
