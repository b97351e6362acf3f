using System;
using AppStoreJws.Errors;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.ServerApi.Retention;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    public class RetentionConfigTests
    {
        [Fact]
        public void DefaultMessageGoesInLowercaseToTheProductAndLocalesPath()
        {
            ServerApiRequest request = ServerApiOperations.ConfigureDefaultMessage("com.example.a", "zh-Hans", Guid.Parse("1B8A1D2E-4C5F-4A6B-9C7D-0E1F2A3B4C5D"));
            Assert.Equal("PUT", request.Method);
            Assert.Equal("/inApps/v1/messaging/default/com.example.a/zh-Hans", request.Path);
            Assert.Equal("{\"messageIdentifier\":\"1b8a1d2e-4c5f-4a6b-9c7d-0e1f2a3b4c5d\"}", request.BodyJson);
        }

        [Fact]
        public void APathSegmentCannotLeaveItsSegment()
        {
            Assert.Equal("/inApps/v1/messaging/default/a%2F..%2Fb/en-US", ServerApiOperations.GetDefaultMessage("a/../b", "en-US").Path);
        }

        [Theory]
        [InlineData("en-us", "en-US")]
        [InlineData("en_US", "en-US")]
        [InlineData("ZH-HANT", "zh-Hant")]
        [InlineData("JA", "ja")]
        public void RefusesAKnownLocaleSpelledAnotherWay(string given, string apples)
        {
            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => ServerApiOperations.DeleteDefaultMessage("p", given));
            Assert.Equal("LocaleMisspelled", e.ErrorId);
            Assert.Contains(apples, e.Message);
        }

        [Theory]
        [InlineData("en-US")]
        [InlineData("tlh")]
        [InlineData("en-IN")]
        public void LeavesApplesSpellingAndUnknownLocalesAlone(string locale)
        {
            Assert.EndsWith("/" + locale, ServerApiOperations.GetDefaultMessage("p", locale).Path);
        }

        [Theory]
        [InlineData("http://example.com/r", "RealtimeUrlNotHttps")]
        [InlineData("ftp://example.com/r", "RealtimeUrlInvalid")]
        [InlineData("example.com/r", "RealtimeUrlInvalid")]
        [InlineData("https:///r", "RealtimeUrlInvalid")]
        public void RefusesARealtimeUrlThatIsNotHttps(string url, string errorId)
        {
            Assert.Equal(errorId, Assert.Throws<AppStoreJwsException>(() => ServerApiOperations.ConfigureRealtimeUrl(url)).ErrorId);
        }

        [Fact]
        public void SendsTheRealtimeUrlAsGiven()
        {
            Assert.Equal("{\"realtimeURL\":\"https://example.com/r?a=1&b=2\"}", ServerApiOperations.ConfigureRealtimeUrl("https://example.com/r?a=1&b=2").BodyJson);
        }

        [Fact]
        public void ThePerformanceTestTakesAnOriginalTransactionIdOfDigits()
        {
            Assert.Equal("{\"originalTransactionId\":\"2000000000000101\"}", ServerApiOperations.InitiatePerformanceTest("2000000000000101").BodyJson);
            Assert.Equal("TransactionIdNotDigits", Assert.Throws<AppStoreJwsException>(() => ServerApiOperations.InitiatePerformanceTest("2E+15")).ErrorId);
        }

        [Fact]
        public void AnswersInTheMemberOrderOfApplesModels()
        {
            Guid message = Guid.Parse("2C9B2E3F-5D6A-4B7C-8D9E-1F2A3B4C5D6E");
            Assert.Equal("{\"alternateProduct\":{\"messageIdentifier\":\"2c9b2e3f-5d6a-4b7c-8d9e-1f2a3b4c5d6e\",\"productId\":\"p\",\"billingPlanType\":\"BILLED_UPFRONT\"}}",
                RetentionResponseFactory.AlternateProduct(message, "p", "billed_upfront").Json);
            Assert.Equal("{\"advancedCommerceInfo\":{\"messageIdentifier\":\"2c9b2e3f-5d6a-4b7c-8d9e-1f2a3b4c5d6e\",\"advancedCommerceData\":\"e30=\"}}",
                RetentionResponseFactory.AdvancedCommerce(message, "e30=").Json);
        }

        [Theory]
        [InlineData("W")]
        [InlineData("QUARTERLY")]
        public void RefusesABillingPlanTypeAppleDoesNotHave(string plan)
        {
            Assert.Equal("BillingPlanTypeUnknown", Assert.Throws<AppStoreJwsException>(() => RetentionResponseFactory.ValidateBillingPlanType(plan)).ErrorId);
        }

        [Theory]
        [InlineData("bm90IGpzb24=")]
        [InlineData("WzFd")]
        [InlineData("%%%")]
        public void RefusesAdvancedCommerceDataThatIsNotTheBase64OfAJsonObject(string data)
        {
            Assert.Equal("AdvancedCommerceDataInvalid", Assert.Throws<AppStoreJwsException>(() => RetentionResponseFactory.AdvancedCommerce(null, data)).ErrorId);
        }
    }
}
