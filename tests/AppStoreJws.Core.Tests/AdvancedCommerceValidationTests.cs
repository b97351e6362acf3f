using System;
using System.Linq;
using AppStoreJws.AdvancedCommerce;
using Xunit;
using static AppStoreJws.Core.Tests.AdvancedCommerceSamples;

namespace AppStoreJws.Core.Tests
{
    /// <summary>Apple's rules for in-app request objects (see docs/WireFormat.md): one test per rule, each naming the JSON path it expects.</summary>
    public class AdvancedCommerceValidationTests
    {
        [Fact]
        public void DescriptionAllowsAtMost45Characters()
        {
            Assert.NotNull(AdvancedCommerceRequestReader.Read(WithRaw(OneTimeCharge, "item.description", Quoted(45))));

            AssertInvalid(WithRaw(OneTimeCharge, "item.description", Quoted(46)), "item.description is 46 characters; Apple allows at most 45.");
        }

        [Fact]
        public void DisplayNameAllowsAtMost30Characters()
        {
            Assert.NotNull(AdvancedCommerceRequestReader.Read(WithRaw(SubscriptionCreate, "items[1].displayName", Quoted(30))));

            AssertInvalid(WithRaw(SubscriptionCreate, "items[1].displayName", Quoted(31)), "items[1].displayName is 31 characters; Apple allows at most 30.");
        }

        [Fact]
        public void CharactersAreCountedAsUtf16CodeUnits()
        {
            // 16 emoji are 32 UTF-16 code units, the count Apple's Java and Node libraries use (Swift would count 16).
            string emoji = string.Concat(Enumerable.Repeat("\\uD83D\\uDE00", 16));

            AssertInvalid(WithRaw(OneTimeCharge, "item.displayName", $"\"{emoji}\""), "item.displayName is 32 characters; Apple allows at most 30.");
        }

        [Theory]
        [InlineData("items[0].SKU")]
        [InlineData("changeItems[0].currentSKU")]
        [InlineData("removeItems[0].SKU")]
        public void SkuAllowsAtMost128Characters(string path)
        {
            string json = path.StartsWith("items") ? SubscriptionCreate : SubscriptionModify;
            Assert.NotNull(AdvancedCommerceRequestReader.Read(WithRaw(json, path, Quoted(128))));

            AssertInvalid(WithRaw(json, path, Quoted(129)), $"{path} is 129 characters; Apple allows at most 128.");
        }

        [Theory]
        [InlineData("\"\"")]
        [InlineData("\"  \"")]
        public void RequiredTextMustNotBeEmpty(string value)
        {
            AssertInvalid(WithRaw(OneTimeCharge, "item.SKU", value), "item.SKU is required and was empty.");
        }

        [Theory]
        [InlineData(0)]
        [InlineData(13)]
        [InlineData(-1)]
        public void PeriodCountIsFrom1To12(int count)
        {
            AssertInvalid(WithRaw(SubscriptionCreate, "items[0].offer.periodCount", count.ToString()),
                $"items[0].offer.periodCount is {count}; Apple allows 1 to 12 periods.");
        }

        [Theory]
        [InlineData("items", "CREATE")]
        [InlineData("addItems", "MODIFY")]
        [InlineData("changeItems", "MODIFY")]
        [InlineData("removeItems", "MODIFY")]
        [InlineData("items", "REACTIVATE")]
        public void ItemListsMustNotBeEmpty(string list, string operation)
        {
            AssertInvalid(WithRaw(SampleFor(operation), list, "[]"), $"{list} is empty; Apple requires at least one item");
        }

        [Theory]
        [InlineData("items[1]", "CREATE")]
        [InlineData("removeItems[0]", "MODIFY")]
        [InlineData("items[0]", "REACTIVATE")]
        public void ItemListsMustNotHoldNulls(string element, string operation)
        {
            AssertInvalid(WithRaw(SampleFor(operation), element, "null"), $"{element} is null;");
        }

        [Theory]
        [InlineData("usd")]
        [InlineData("US")]
        [InlineData("USDX")]
        [InlineData("U$D")]
        [InlineData("ÜSD")]
        public void CurrencyIsThreeUppercaseLetters(string currency)
        {
            AssertInvalid(WithRaw(OneTimeCharge, "currency", $"\"{currency}\""), $"currency is '{currency}'; expected an ISO 4217 currency code");
        }

        [Fact]
        public void OptionalCurrencyIsCheckedWhenGiven()
        {
            AssertInvalid(WithRaw(SubscriptionModify, "currency", "\"eur\""), "currency is 'eur';");
        }

        [Theory]
        [InlineData("CREATE", "items[0].price")]
        [InlineData("CREATE", "items[0].offer.price")]
        [InlineData("MODIFY", "addItems[0].proratedPrice")]
        [InlineData("MODIFY", "changeItems[0].price")]
        public void PricesAreNeverNegative(string operation, string path)
        {
            Assert.NotNull(AdvancedCommerceRequestReader.Read(WithRaw(SampleFor(operation), path, "0")));

            AssertInvalid(WithRaw(SampleFor(operation), path, "-1"), $"{path} is -1; prices are never negative");
        }

        [Theory]
        [InlineData("requestInfo.appAccountToken")]
        [InlineData("requestInfo.requestReferenceId")]
        public void TokensAreUuids(string path)
        {
            AssertInvalid(WithRaw(SubscriptionCreate, path, "\"not-a-uuid\""), $"{path} is 'not-a-uuid'; expected a UUID");
        }

        [Fact]
        public void VersionIsOne()
        {
            AssertInvalid(WithRaw(OneTimeCharge, "version", "\"2\""), "version is '2'; the only Advanced Commerce request version is \"1\"");
        }

        [Theory]
        [InlineData("ONE_TIME", "currency")]
        [InlineData("ONE_TIME", "taxCode")]
        [InlineData("ONE_TIME", "item")]
        [InlineData("ONE_TIME", "item.SKU")]
        [InlineData("ONE_TIME", "item.displayName")]
        [InlineData("ONE_TIME", "item.description")]
        [InlineData("ONE_TIME", "item.price")]
        [InlineData("CREATE", "currency")]
        [InlineData("CREATE", "taxCode")]
        [InlineData("CREATE", "descriptors")]
        [InlineData("CREATE", "descriptors.displayName")]
        [InlineData("CREATE", "descriptors.description")]
        [InlineData("CREATE", "period")]
        [InlineData("CREATE", "items")]
        [InlineData("CREATE", "items[0].offer.period")]
        [InlineData("CREATE", "items[0].offer.periodCount")]
        [InlineData("CREATE", "items[0].offer.price")]
        [InlineData("CREATE", "items[0].offer.reason")]
        [InlineData("MODIFY", "transactionId")]
        [InlineData("MODIFY", "retainBillingCycle")]
        [InlineData("MODIFY", "descriptors.effective")]
        [InlineData("MODIFY", "periodChange.effective")]
        [InlineData("MODIFY", "periodChange.period")]
        [InlineData("MODIFY", "addItems[0].price")]
        [InlineData("MODIFY", "changeItems[0].currentSKU")]
        [InlineData("MODIFY", "changeItems[0].effective")]
        [InlineData("MODIFY", "changeItems[0].reason")]
        [InlineData("MODIFY", "removeItems[0].SKU")]
        [InlineData("REACTIVATE", "transactionId")]
        [InlineData("REACTIVATE", "items[0].SKU")]
        public void RequiredFieldsMustBeGiven(string operation, string path)
        {
            AssertInvalid(Without(SampleFor(operation), path), $"{path} is required and was not given.");
            AssertInvalid(WithRaw(SampleFor(operation), path, "null"), $"{path} is required and was not given.");
        }

        [Theory]
        [InlineData("ONE_TIME", "storefront")]
        [InlineData("CREATE", "previousTransactionId")]
        [InlineData("CREATE", "requestInfo.appAccountToken")]
        [InlineData("CREATE", "items[0].offer")]
        [InlineData("MODIFY", "currency")]
        [InlineData("MODIFY", "taxCode")]
        [InlineData("MODIFY", "descriptors")]
        [InlineData("MODIFY", "descriptors.displayName")]
        [InlineData("MODIFY", "descriptors.description")]
        [InlineData("MODIFY", "periodChange")]
        [InlineData("MODIFY", "addItems")]
        [InlineData("MODIFY", "addItems[0].proratedPrice")]
        [InlineData("MODIFY", "changeItems")]
        [InlineData("MODIFY", "changeItems[0].offer")]
        [InlineData("MODIFY", "removeItems")]
        [InlineData("REACTIVATE", "items")]
        [InlineData("REACTIVATE", "storefront")]
        public void OptionalFieldsMayBeLeftOut(string operation, string path)
        {
            string json = Without(SampleFor(operation), path);

            Assert.Equal(json, AdvancedCommerceRequestReader.Read(json).Json);
        }

        [Theory]
        [InlineData("CREATE", "period", "P2W", "P1W, P1M, P2M, P3M, P6M, P1Y")]
        [InlineData("CREATE", "items[0].offer.period", "P1D", "P3D, P1W, P2W, P1M, P2M, P3M, P6M, P9M, P1Y")]
        [InlineData("CREATE", "items[0].offer.reason", "LOYALTY", "ACQUISITION, WIN_BACK, RETENTION")]
        [InlineData("MODIFY", "periodChange.effective", "LATER", "IMMEDIATELY, NEXT_BILL_CYCLE")]
        [InlineData("MODIFY", "changeItems[0].reason", "SIDEGRADE", "UPGRADE, DOWNGRADE, APPLY_OFFER")]
        [InlineData("MODIFY", "descriptors.effective", "immediately", "IMMEDIATELY, NEXT_BILL_CYCLE")]
        public void EnumerationValuesMustBeAppleValues(string operation, string path, string value, string allowed)
        {
            AssertInvalid(WithRaw(SampleFor(operation), path, $"\"{value}\""), $"{path} must be one of {allowed}; found \"{value}\".");
        }

        [Fact]
        public void EveryEnumerationValueIsAccepted()
        {
            foreach (string period in Enum.GetNames(typeof(OfferPeriod)))
            {
                Assert.Contains($"\"period\":\"{period}\"", AdvancedCommerceRequestReader.Read(WithRaw(SubscriptionCreate, "items[0].offer.period", $"\"{period}\"")).Json);
            }
        }

        private static string Quoted(int length) => $"\"{new string('x', length)}\"";

        private static string SampleFor(string operation) => operation switch
        {
            "ONE_TIME" => OneTimeCharge,
            "CREATE" => SubscriptionCreate,
            "MODIFY" => SubscriptionModify,
            _ => SubscriptionReactivate,
        };
    }
}
