using System;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AppStoreJws.AdvancedCommerce;
using AppStoreJws.Errors;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    public class AdvancedCommerceRequestReaderTests
    {
        private static readonly Regex LowercaseUuidV4 =
            new Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

        public static TheoryData<string, string> CanonicalRequests => new TheoryData<string, string>
        {
            { "CREATE_ONE_TIME_CHARGE", AdvancedCommerceSamples.OneTimeCharge },
            { "CREATE_SUBSCRIPTION", AdvancedCommerceSamples.SubscriptionCreate },
            { "MODIFY_SUBSCRIPTION", AdvancedCommerceSamples.SubscriptionModify },
            { "REACTIVATE_SUBSCRIPTION", AdvancedCommerceSamples.SubscriptionReactivate },
        };

        // The request model is internal, and xUnit's theory data and parameters must be public: the rows carry it as object.
        public static TheoryData<object, string> TypedRequests => new TheoryData<object, string>
        {
            { AdvancedCommerceSamples.TypedOneTimeCharge(), AdvancedCommerceSamples.OneTimeCharge },
            { AdvancedCommerceSamples.TypedSubscriptionCreate(), AdvancedCommerceSamples.SubscriptionCreate },
            { AdvancedCommerceSamples.TypedSubscriptionModify(), AdvancedCommerceSamples.SubscriptionModify },
            { AdvancedCommerceSamples.TypedSubscriptionReactivate(), AdvancedCommerceSamples.SubscriptionReactivate },
        };

        [Fact]
        public void SpecExampleRoundTripsToIdenticalJson()
        {
            const string specExample = "{\"operation\":\"CREATE_ONE_TIME_CHARGE\",\"version\":\"1\",\"requestInfo\":{\"requestReferenceId\":\"f55df048-4cd8-4261-b404-b6f813ff70e5\"}," +
                "\"currency\":\"USD\",\"taxCode\":\"C003-00-2\",\"storefront\":\"USA\",\"item\":{\"SKU\":\"...\",\"displayName\":\"...\",\"description\":\"...\",\"price\":4990}}";

            ValidatedRequest request = AdvancedCommerceRequestReader.Read(specExample);

            Assert.Equal(specExample, request.Json);
            Assert.Equal("CREATE_ONE_TIME_CHARGE", request.Operation);
            Assert.Equal("f55df048-4cd8-4261-b404-b6f813ff70e5", request.RequestReferenceId);
        }

        [Theory]
        [MemberData(nameof(CanonicalRequests))]
        public void EveryOperationRoundTripsFromJson(string operation, string json)
        {
            ValidatedRequest request = AdvancedCommerceRequestReader.Read(json);

            Assert.Equal(json, request.Json);
            Assert.Equal(operation, request.Operation);
            Assert.Equal(AdvancedCommerceSamples.ReferenceId, request.RequestReferenceId);
        }

        [Theory]
        [MemberData(nameof(TypedRequests))]
        public void EveryOperationReadsFromTypedObjects(object row, string expectedJson)
        {
            var typed = (AdvancedCommerceRequest)row;
            ValidatedRequest request = AdvancedCommerceRequestReader.Read(typed);

            Assert.Equal(expectedJson, request.Json);
            Assert.Equal(typed.Operation, request.Operation);
        }

        [Fact]
        public void MissingRequestInfoGetsAFreshLowercaseUuid()
        {
            string json = AdvancedCommerceSamples.With(AdvancedCommerceSamples.OneTimeCharge, request => request.AsObject().Remove("requestInfo"));

            ValidatedRequest first = AdvancedCommerceRequestReader.Read(json);
            ValidatedRequest second = AdvancedCommerceRequestReader.Read(json);

            Assert.Matches(LowercaseUuidV4, first.RequestReferenceId);
            Assert.NotEqual(first.RequestReferenceId, second.RequestReferenceId);
            Assert.Contains($"\"requestInfo\":{{\"requestReferenceId\":\"{first.RequestReferenceId}\"}}", first.Json);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        [InlineData(null)]
        public void EmptyRequestReferenceIdIsGeneratedAndOtherRequestInfoKept(string? referenceId)
        {
            string json = AdvancedCommerceSamples.With(AdvancedCommerceSamples.OneTimeCharge, request =>
                request["requestInfo"] = new JsonObject { ["requestReferenceId"] = referenceId, ["consistencyToken"] = "token-1" });

            ValidatedRequest request = AdvancedCommerceRequestReader.Read(json);

            Assert.Matches(LowercaseUuidV4, request.RequestReferenceId);
            Assert.Contains($"{{\"requestReferenceId\":\"{request.RequestReferenceId}\",\"consistencyToken\":\"token-1\"}}", request.Json);
        }

        [Fact]
        public void GivenRequestReferenceIdIsKeptAsWritten()
        {
            const string upper = "F55DF048-4CD8-4261-B404-B6F813FF70E5";
            string json = AdvancedCommerceSamples.With(AdvancedCommerceSamples.OneTimeCharge, request => request["requestInfo"]!["requestReferenceId"] = upper);

            Assert.Equal(upper, AdvancedCommerceRequestReader.Read(json).RequestReferenceId);
        }

        [Fact]
        public void MissingVersionBecomesOne()
        {
            string json = AdvancedCommerceSamples.With(AdvancedCommerceSamples.OneTimeCharge, request => request.AsObject().Remove("version"));

            Assert.Equal(AdvancedCommerceSamples.OneTimeCharge, AdvancedCommerceRequestReader.Read(json).Json);
        }

        [Theory]
        [InlineData("CANCEL_SUBSCRIPTION")]
        [InlineData("REVOKE_SUBSCRIPTION")]
        [InlineData("REQUEST_REFUND")]
        [InlineData("MIGRATE_SUBSCRIPTION")]
        [InlineData("CHANGE_SUBSCRIPTION_PRICE")]
        [InlineData("change_subscription_metadata")]
        public void ServerOnlyOperationsPointToTheServerApiToken(string operation)
        {
            AppStoreJwsException error = Assert.Throws<AppStoreJwsException>(() => AdvancedCommerceRequestReader.Read($"{{\"operation\":\"{operation}\"}}"));

            Assert.Equal("ServerOnlyOperation", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, error.Kind);
            Assert.Contains(operation, error.Message);
            Assert.Contains("server-to-server", error.Message);
            Assert.Contains("New-AppStoreServerApiToken", error.Message);
        }

        [Theory]
        [InlineData("{\"operation\":\"BUY_SOMETHING\"}", "BUY_SOMETHING")]
        [InlineData("{\"operation\":\"create_one_time_charge\"}", "create_one_time_charge")]
        [InlineData("{\"operation\":42}", "42")]
        public void UnknownOperationsListTheFourInAppOperations(string json, string shown)
        {
            AppStoreJwsException error = Assert.Throws<AppStoreJwsException>(() => AdvancedCommerceRequestReader.Read(json));

            Assert.Equal("UnknownOperation", error.ErrorId);
            Assert.Contains($"'{shown}'", error.Message);
            Assert.Contains("CREATE_ONE_TIME_CHARGE, CREATE_SUBSCRIPTION, MODIFY_SUBSCRIPTION, REACTIVATE_SUBSCRIPTION", error.Message);
        }

        [Theory]
        [InlineData("{\"currency\":\"USD\"}")]
        [InlineData("{\"operation\":null}")]
        public void MissingOperationIsReported(string json)
        {
            AppStoreJwsException error = Assert.Throws<AppStoreJwsException>(() => AdvancedCommerceRequestReader.Read(json));

            Assert.Equal("MissingOperation", error.ErrorId);
            Assert.Contains("CREATE_ONE_TIME_CHARGE", error.Message);
        }

        [Theory]
        [InlineData("not json", "not valid JSON")]
        [InlineData("[1,2]", "must be a JSON object")]
        public void TextThatIsNotAJsonObjectIsRejected(string json, string expected)
        {
            AppStoreJwsException error = Assert.Throws<AppStoreJwsException>(() => AdvancedCommerceRequestReader.Read(json));

            Assert.Equal("InvalidAdvancedCommerceRequest", error.ErrorId);
            Assert.Contains(expected, error.Message);
        }

        [Theory]
        [InlineData("item", "colour", "item.colour is not a field of OneTimeChargeItem; its fields are SKU, displayName, description, price.")]
        [InlineData("", "quantity", "quantity is not a field of OneTimeChargeCreateRequest")]
        [InlineData("requestInfo", "userId", "requestInfo.userId is not a field of RequestInfo")]
        public void UnknownMembersAreNamedWithTheirPath(string parent, string member, string expected)
        {
            string json = AdvancedCommerceSamples.With(AdvancedCommerceSamples.OneTimeCharge, request =>
                (parent.Length == 0 ? request : request[parent]!)[member] = 1);

            AdvancedCommerceSamples.AssertInvalid(json, expected);
        }

        [Fact]
        public void AMemberGivenTwiceInDifferentCaseIsRejected()
        {
            string json = AdvancedCommerceSamples.OneTimeCharge.Replace("\"price\":4990", "\"price\":4990,\"Price\":5990");

            AdvancedCommerceSamples.AssertInvalid(json, "item.price is given more than once");
        }

        [Fact]
        public void AWholeNumberPriceGivenAsTextIsTheSameNumber()
        {
            string json = AdvancedCommerceSamples.WithRaw(AdvancedCommerceSamples.OneTimeCharge, "item.price", "\"4990\"");

            ValidatedRequest request = AdvancedCommerceRequestReader.Read(json);

            Assert.Contains("\"price\":4990", request.Json);
            AdvancedCommerceSamples.AssertInvalid(
                AdvancedCommerceSamples.WithRaw(AdvancedCommerceSamples.OneTimeCharge, "item.price", "\"-5\""), "item.price is -5; prices are never negative");
        }

        [Fact]
        public void EveryProblemOfARequestIsInItsOneError()
        {
            string json = AdvancedCommerceSamples.WithRaw(AdvancedCommerceSamples.OneTimeCharge, "currency", "\"usd\"");
            json = AdvancedCommerceSamples.WithRaw(json, "storefront", "\"US\"");
            json = AdvancedCommerceSamples.Without(json, "item.displayName");

            AppStoreJwsException error = AdvancedCommerceSamples.AssertInvalid(json, "The request has 3 problems:");

            Assert.Contains("currency is 'usd'; expected an ISO 4217 currency code", error.Message);
            Assert.Contains("storefront is 'US'; expected an ISO 3166-1 alpha-3 country code", error.Message);
            Assert.Contains("USA rather than US", error.Message);
            Assert.Contains("item.displayName is required", error.Message);
        }

        [Fact]
        public void TypeProblemsAndRuleProblemsAreInTheSameError()
        {
            string json = AdvancedCommerceSamples.WithRaw(AdvancedCommerceSamples.OneTimeCharge, "item.price", "4.99");
            json = AdvancedCommerceSamples.WithRaw(json, "currency", "\"usd\"");
            json = AdvancedCommerceSamples.WithRaw(json, "item.description", "\"" + new string('d', 46) + "\"");

            AppStoreJwsException error = AdvancedCommerceSamples.AssertInvalid(json, "The request has 3 problems:");

            Assert.Contains("item.price must be a whole number of milliunits, e.g. 4990 for 4.99; found 4.99.", error.Message);
            Assert.Contains("currency is 'usd'; expected an ISO 4217 currency code", error.Message);
            Assert.Contains("item.description is 46 characters; Apple allows at most 45.", error.Message);
            // The price that could not be read is not reported a second time as missing.
            Assert.DoesNotContain("item.price is required", error.Message);
        }

        [Fact]
        public void AnItemOfTheWrongTypeIsReportedOnceBesideTheOtherItemsProblems()
        {
            string json = AdvancedCommerceSamples.WithRaw(AdvancedCommerceSamples.SubscriptionCreate, "items[0].offer.periodCount", "1.5");
            json = AdvancedCommerceSamples.WithRaw(json, "currency", "\"eur\"");

            AppStoreJwsException error = AdvancedCommerceSamples.AssertInvalid(json, "The request has 2 problems:");

            Assert.Contains("items[0].offer.periodCount must be a whole number; found 1.5.", error.Message);
            Assert.Contains("currency is 'eur'", error.Message);
        }

        [Theory]
        [InlineData("XYZ")]
        [InlineData("usd")]
        public void ACurrencyOutsideIso4217IsRefused(string currency)
        {
            AdvancedCommerceSamples.AssertInvalid(
                AdvancedCommerceSamples.WithRaw(AdvancedCommerceSamples.OneTimeCharge, "currency", "\"" + currency + "\""), "currency is '" + currency + "'; expected an ISO 4217");
        }

        [Theory]
        [InlineData("2E+15")]
        [InlineData("abc")]
        [InlineData("-5")]
        public void ATransactionIdThatIsNotDigitsIsRefused(string transactionId)
        {
            string json = AdvancedCommerceSamples.WithRaw(AdvancedCommerceSamples.SubscriptionReactivate, "transactionId", "\"" + transactionId + "\"");

            AppStoreJwsException error = AdvancedCommerceSamples.AssertInvalid(json, "The transactionId '" + transactionId + "' is not a transaction ID: expected decimal digits only");

            Assert.Equal(transactionId == "2E+15", error.Message.Contains("spreadsheet"));
        }

        [Theory]
        [InlineData("item.price", "4.99", "item.price must be a whole number of milliunits, e.g. 4990 for 4.99; found 4.99.")]
        [InlineData("item.price", "\"49.90\"", "item.price must be a whole number of milliunits, e.g. 4990 for 4.99; found \"49.90\".")]
        [InlineData("item.SKU", "12", "item.SKU must be a string; found 12.")]
        [InlineData("currency", "true", "currency must be a string; found true.")]
        [InlineData("item", "\"System.Collections.Hashtable\"", "item must be a JSON object; found \"System.Collections.Hashtable\"; if this JSON came from ConvertTo-Json, pass -Depth 10")]
        [InlineData("requestInfo", "[]", "requestInfo must be a JSON object; found an array.")]
        public void WrongJsonTypesNameThePathAndTheRule(string path, string value, string expected)
        {
            string json = AdvancedCommerceSamples.WithRaw(AdvancedCommerceSamples.OneTimeCharge, path, value);

            AdvancedCommerceSamples.AssertInvalid(json, expected);
        }

        [Theory]
        [InlineData("items[0].offer.periodCount", "\"x\"", "items[0].offer.periodCount must be a whole number; found \"x\".")]
        [InlineData("items[0].offer.periodCount", "1.5", "items[0].offer.periodCount must be a whole number; found 1.5.")]
        [InlineData("period", "1", "period must be one of P1W, P1M, P2M, P3M, P6M, P1Y; found 1; ConvertTo-Json writes enumerations as numbers unless given -EnumsAsStrings.")]
        [InlineData("items", "{}", "items must be a JSON array; found an object.")]
        public void WrongJsonTypesInSubscriptionsNameThePathAndTheRule(string path, string value, string expected)
        {
            string json = AdvancedCommerceSamples.WithRaw(AdvancedCommerceSamples.SubscriptionCreate, path, value);

            AdvancedCommerceSamples.AssertInvalid(json, expected);
        }

        [Fact]
        public void RetainBillingCycleMustBeAJsonBoolean()
        {
            string json = AdvancedCommerceSamples.WithRaw(AdvancedCommerceSamples.SubscriptionModify, "retainBillingCycle", "\"true\"");

            AdvancedCommerceSamples.AssertInvalid(json, "retainBillingCycle must be true or false (a JSON boolean, not a string); found \"true\".");
        }

        [Fact]
        public void MemberNamesMatchWithoutRegardToCase()
        {
            const string json = "{\"OPERATION\":\"CREATE_ONE_TIME_CHARGE\",\"Version\":\"1\",\"RequestInfo\":{\"RequestReferenceId\":\"f55df048-4cd8-4261-b404-b6f813ff70e5\"}," +
                "\"Currency\":\"USD\",\"taxcode\":\"C003-00-2\",\"STOREFRONT\":\"USA\",\"Item\":{\"sku\":\"BOOK_1\",\"DisplayName\":\"Book\",\"DESCRIPTION\":\"A book\",\"Price\":4990}}";

            Assert.Equal(AdvancedCommerceSamples.OneTimeCharge, AdvancedCommerceRequestReader.Read(json).Json);
        }

        [Fact]
        public void NullAndBlankOptionalFieldsAreOmitted()
        {
            string json = AdvancedCommerceSamples.With(AdvancedCommerceSamples.SubscriptionCreate, request =>
            {
                request["storefront"] = null;
                request["previousTransactionId"] = "";
                request["requestInfo"]!["appAccountToken"] = null;
                request["requestInfo"]!["consistencyToken"] = " ";
                request["items"]![0]!["offer"] = null;
            });

            string written = AdvancedCommerceRequestReader.Read(json).Json;

            Assert.DoesNotContain("null", written);
            Assert.DoesNotContain("storefront", written);
            Assert.DoesNotContain("previousTransactionId", written);
            Assert.DoesNotContain("appAccountToken", written);
            Assert.DoesNotContain("consistencyToken", written);
            Assert.DoesNotContain("offer", written);
        }

        [Fact]
        public void UnsetTypedFieldsAreOmitted()
        {
            var typed = new SubscriptionReactivateInAppRequest { TransactionId = "2000000000000003" };

            string written = AdvancedCommerceRequestReader.Read(typed).Json;

            Assert.Matches("^\\{\"operation\":\"REACTIVATE_SUBSCRIPTION\",\"version\":\"1\",\"requestInfo\":\\{\"requestReferenceId\":\"[0-9a-f-]{36}\"\\},\"transactionId\":\"2000000000000003\"\\}$", written);
        }

        [Fact]
        public void ReadingATypedRequestDoesNotChangeIt()
        {
            var typed = new OneTimeChargeCreateRequest
            {
                Version = null,
                Currency = "USD",
                TaxCode = "C003-00-2",
                Storefront = "",
                Item = new OneTimeChargeItem { Sku = "BOOK_1", DisplayName = "Book", Description = "A book", Price = 4990 },
            };

            ValidatedRequest request = AdvancedCommerceRequestReader.Read(typed);

            Assert.Null(typed.RequestInfo);
            Assert.Null(typed.Version);
            Assert.Equal("", typed.Storefront);
            Assert.DoesNotContain("storefront", request.Json);
        }

        [Fact]
        public void TypedRequestsMeetTheSameRules()
        {
            SubscriptionCreateRequest typed = AdvancedCommerceSamples.TypedSubscriptionCreate();
            typed.Items![1].DisplayName = new string('x', 31);

            AdvancedCommerceSamples.AssertInvalid(typed, "items[1].displayName is 31 characters; Apple allows at most 30.");
        }

        [Fact]
        public void TypedEnumerationValuesOutsideTheListAreRejected()
        {
            SubscriptionCreateRequest typed = AdvancedCommerceSamples.TypedSubscriptionCreate();
            typed.Period = (Period)99;

            AdvancedCommerceSamples.AssertInvalid(typed, "period must be one of P1W, P1M, P2M, P3M, P6M, P1Y; found 99");
        }

        [Fact]
        public void NonAsciiTextAndHtmlCharactersAreWrittenRaw()
        {
            const string name = "Café <Thé> & 'Ü' +1 中文";
            string json = AdvancedCommerceSamples.With(AdvancedCommerceSamples.OneTimeCharge, request => request["item"]!["displayName"] = name);

            Assert.Contains($"\"displayName\":\"{name}\"", AdvancedCommerceRequestReader.Read(json).Json);
        }

        [Fact]
        public void QuotesAndControlCharactersAreStillEscaped()
        {
            string json = AdvancedCommerceSamples.With(AdvancedCommerceSamples.OneTimeCharge, request => request["item"]!["description"] = "a \"b\"\n\\c");

            Assert.Contains("\"description\":\"a \\\"b\\\"\\n\\\\c\"", AdvancedCommerceRequestReader.Read(json).Json);
        }

        [Fact]
        public void NullInputIsAnArgumentError()
        {
            Assert.Throws<ArgumentNullException>(() => AdvancedCommerceRequestReader.Read((string)null!));
            Assert.Throws<ArgumentNullException>(() => AdvancedCommerceRequestReader.Read((AdvancedCommerceRequest)null!));
        }
    }

    /// <summary>One valid request per operation, as canonical JSON and as the equivalent typed object, and ways to break them.</summary>
    internal static class AdvancedCommerceSamples
    {
        internal const string ReferenceId = "f55df048-4cd8-4261-b404-b6f813ff70e5";

        internal const string OneTimeCharge =
            """{"operation":"CREATE_ONE_TIME_CHARGE","version":"1","requestInfo":{"requestReferenceId":"f55df048-4cd8-4261-b404-b6f813ff70e5"},"currency":"USD","taxCode":"C003-00-2","storefront":"USA","item":{"SKU":"BOOK_1","displayName":"Book","description":"A book","price":4990}}""";

        internal const string SubscriptionCreate =
            """{"operation":"CREATE_SUBSCRIPTION","version":"1","requestInfo":{"requestReferenceId":"f55df048-4cd8-4261-b404-b6f813ff70e5","appAccountToken":"7e3fb20b-4cdb-47cc-936d-99d65f608138","consistencyToken":"token-1"},"currency":"USD","taxCode":"C003-00-1","storefront":"USA","previousTransactionId":"2000000000000001","descriptors":{"displayName":"News Plus","description":"All the news"},"period":"P1M","items":[{"SKU":"NEWS_DAILY","displayName":"Daily","description":"Daily edition","price":4990,"offer":{"period":"P1W","periodCount":2,"price":0,"reason":"ACQUISITION"}},{"SKU":"NEWS_SPORT","displayName":"Sport","description":"Sport section","price":1990}]}""";

        internal const string SubscriptionModify =
            """{"operation":"MODIFY_SUBSCRIPTION","version":"1","requestInfo":{"requestReferenceId":"f55df048-4cd8-4261-b404-b6f813ff70e5"},"transactionId":"2000000000000002","retainBillingCycle":true,"currency":"USD","taxCode":"C003-00-1","storefront":"USA","descriptors":{"effective":"NEXT_BILL_CYCLE","displayName":"News Max","description":"More news"},"periodChange":{"effective":"NEXT_BILL_CYCLE","period":"P1Y"},"addItems":[{"SKU":"NEWS_WORLD","displayName":"World","description":"World section","price":990,"proratedPrice":500,"offer":{"period":"P3D","periodCount":1,"price":0,"reason":"RETENTION"}}],"changeItems":[{"SKU":"NEWS_SPORT_PRO","currentSKU":"NEWS_SPORT","displayName":"Sport Pro","description":"Sport with live scores","price":2990,"proratedPrice":1000,"effective":"IMMEDIATELY","reason":"UPGRADE","offer":{"period":"P1M","periodCount":12,"price":1990,"reason":"WIN_BACK"}}],"removeItems":[{"SKU":"NEWS_DAILY"}]}""";

        internal const string SubscriptionReactivate =
            """{"operation":"REACTIVATE_SUBSCRIPTION","version":"1","requestInfo":{"requestReferenceId":"f55df048-4cd8-4261-b404-b6f813ff70e5"},"transactionId":"2000000000000003","storefront":"USA","items":[{"SKU":"NEWS_DAILY"}]}""";

        private static readonly Regex IndexedStep = new Regex(@"^(\w+)\[(\d+)\]$");

        internal static OneTimeChargeCreateRequest TypedOneTimeCharge() => new OneTimeChargeCreateRequest
        {
            RequestInfo = new RequestInfo { RequestReferenceId = ReferenceId },
            Currency = "USD",
            TaxCode = "C003-00-2",
            Storefront = "USA",
            Item = new OneTimeChargeItem { Sku = "BOOK_1", DisplayName = "Book", Description = "A book", Price = 4990 },
        };

        internal static SubscriptionCreateRequest TypedSubscriptionCreate() => new SubscriptionCreateRequest
        {
            RequestInfo = new RequestInfo { RequestReferenceId = ReferenceId, AppAccountToken = "7e3fb20b-4cdb-47cc-936d-99d65f608138", ConsistencyToken = "token-1" },
            Currency = "USD",
            TaxCode = "C003-00-1",
            Storefront = "USA",
            PreviousTransactionId = "2000000000000001",
            Descriptors = new Descriptors { DisplayName = "News Plus", Description = "All the news" },
            Period = Period.P1M,
            Items = new[]
            {
                new SubscriptionItem
                {
                    Sku = "NEWS_DAILY", DisplayName = "Daily", Description = "Daily edition", Price = 4990,
                    Offer = new Offer { Period = OfferPeriod.P1W, PeriodCount = 2, Price = 0, Reason = OfferReason.ACQUISITION },
                },
                new SubscriptionItem { Sku = "NEWS_SPORT", DisplayName = "Sport", Description = "Sport section", Price = 1990 },
            },
        };

        internal static SubscriptionModifyInAppRequest TypedSubscriptionModify() => new SubscriptionModifyInAppRequest
        {
            RequestInfo = new RequestInfo { RequestReferenceId = ReferenceId },
            TransactionId = "2000000000000002",
            RetainBillingCycle = true,
            Currency = "USD",
            TaxCode = "C003-00-1",
            Storefront = "USA",
            Descriptors = new ModifyDescriptors { Effective = Effective.NEXT_BILL_CYCLE, DisplayName = "News Max", Description = "More news" },
            PeriodChange = new PeriodChange { Effective = Effective.NEXT_BILL_CYCLE, Period = Period.P1Y },
            AddItems = new[]
            {
                new AddItem
                {
                    Sku = "NEWS_WORLD", DisplayName = "World", Description = "World section", Price = 990, ProratedPrice = 500,
                    Offer = new Offer { Period = OfferPeriod.P3D, PeriodCount = 1, Price = 0, Reason = OfferReason.RETENTION },
                },
            },
            ChangeItems = new[]
            {
                new ChangeItem
                {
                    Sku = "NEWS_SPORT_PRO", CurrentSku = "NEWS_SPORT", DisplayName = "Sport Pro", Description = "Sport with live scores",
                    Price = 2990, ProratedPrice = 1000, Effective = Effective.IMMEDIATELY, Reason = ChangeReason.UPGRADE,
                    Offer = new Offer { Period = OfferPeriod.P1M, PeriodCount = 12, Price = 1990, Reason = OfferReason.WIN_BACK },
                },
            },
            RemoveItems = new[] { new RemoveItem { Sku = "NEWS_DAILY" } },
        };

        internal static SubscriptionReactivateInAppRequest TypedSubscriptionReactivate() => new SubscriptionReactivateInAppRequest
        {
            RequestInfo = new RequestInfo { RequestReferenceId = ReferenceId },
            TransactionId = "2000000000000003",
            Storefront = "USA",
            Items = new[] { new ReactivateItem { Sku = "NEWS_DAILY" } },
        };

        internal static string With(string json, Action<JsonNode> edit)
        {
            JsonNode root = JsonNode.Parse(json)!;
            edit(root);
            return root.ToJsonString();
        }

        /// <summary>Sets the member at a path such as <c>items[0].offer.price</c> (or the element <c>items[1]</c>) to raw JSON.</summary>
        internal static string WithRaw(string json, string path, string rawValue) =>
            With(json, root => Edit(root, path, (parent, name) => parent[name] = JsonNode.Parse(rawValue), (array, index) => array[index] = JsonNode.Parse(rawValue)));

        internal static string Without(string json, string path) =>
            With(json, root => Edit(root, path, (parent, name) => parent.Remove(name), (array, index) => array.RemoveAt(index)));

        internal static AppStoreJwsException AssertInvalid(string json, string expectedMessageStart) =>
            AssertInvalid(() => AdvancedCommerceRequestReader.Read(json), expectedMessageStart);

        internal static AppStoreJwsException AssertInvalid(AdvancedCommerceRequest request, string expectedMessageStart) =>
            AssertInvalid(() => AdvancedCommerceRequestReader.Read(request), expectedMessageStart);

        private static AppStoreJwsException AssertInvalid(Func<ValidatedRequest> read, string expectedMessageStart)
        {
            AppStoreJwsException error = Assert.Throws<AppStoreJwsException>(() => read());
            Assert.Equal("InvalidAdvancedCommerceRequest", error.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, error.Kind);
            Assert.StartsWith(expectedMessageStart, error.Message);
            return error;
        }

        private static void Edit(JsonNode root, string path, Action<JsonObject, string> onMember, Action<JsonArray, int> onElement)
        {
            string[] steps = path.Split('.');
            JsonNode node = root;
            for (int i = 0; i < steps.Length - 1; i++)
            {
                Match indexed = IndexedStep.Match(steps[i]);
                node = indexed.Success ? node[indexed.Groups[1].Value]![int.Parse(indexed.Groups[2].Value)]! : node[steps[i]]!;
            }

            Match last = IndexedStep.Match(steps[^1]);
            if (last.Success)
            {
                onElement(node[last.Groups[1].Value]!.AsArray(), int.Parse(last.Groups[2].Value));
            }
            else
            {
                onMember(node.AsObject(), steps[^1]);
            }
        }
    }
}
