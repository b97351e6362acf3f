using System;
using System.Collections.Generic;
using System.Linq;
using AppStoreJws.ServerApi.Client;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>The paging walk over Apple's cursors, and the query the history request puts on every page.</summary>
    public class ServerApiPagingTests
    {
        [Fact]
        public void AsksWithEachPagesCursorUntilHasMoreIsFalse()
        {
            string[] bodies =
            {
                "{\"revision\":\"r1\",\"hasMore\":true,\"signedTransactions\":[\"a\"]}",
                "{\"revision\":\"r2\",\"hasMore\":true,\"signedTransactions\":[\"b\"]}",
                "{\"revision\":\"r3\",\"hasMore\":false,\"signedTransactions\":[\"c\"]}",
            };
            List<string?> asked = new List<string?>();

            List<ServerApiPage> pages = ServerApiPager.Pages(
                revision => { asked.Add(revision); return ServerApiOperations.RefundHistory("1", revision); },
                request => new ServerApiResponse(200, bodies[asked.Count - 1]),
                "revision").ToList();

            Assert.Equal(new string?[] { null, "r1", "r2" }, asked);
            Assert.Equal(new[] { 1, 2, 3 }, pages.Select(page => page.Number));
            Assert.False(pages[2].HasMore);
        }

        [Fact]
        public void IsLazySoACallerThatStopsAsksNoFurther()
        {
            int sent = 0;
            ServerApiPage first = ServerApiPager.Pages(
                token => ServerApiOperations.NotificationHistory(new NotificationHistoryQuery(), token),
                request => { sent++; return new ServerApiResponse(200, "{\"hasMore\":true,\"paginationToken\":\"p" + sent + "\"}"); },
                "paginationToken").First();

            Assert.Equal(1, first.Number);
            Assert.Equal(1, sent);
        }

        [Theory]
        [InlineData("{\"hasMore\":true}")]
        [InlineData("{\"hasMore\":true,\"revision\":\"same\"}")]
        public void RefusesHasMoreWithoutANewCursor(string body)
        {
            int sent = 0;
            AppStoreServerApiException error = Assert.Throws<AppStoreServerApiException>(() => ServerApiPager.Pages(
                revision => ServerApiOperations.RefundHistory("1", revision),
                request => { sent++; return new ServerApiResponse(200, sent == 1 ? "{\"hasMore\":true,\"revision\":\"same\"}" : body); },
                "revision").ToList());

            Assert.Equal("MalformedServerApiResponse", error.ErrorId);
            Assert.Equal(2, sent);
        }

        [Fact]
        public void HistoryQueryIsInTheOrderApplesLibrariesSendIt()
        {
            TransactionHistoryQuery query = new TransactionHistoryQuery
            {
                StartDate = DateTimeOffset.FromUnixTimeMilliseconds(1698148900000),
                EndDate = DateTimeOffset.FromUnixTimeMilliseconds(1700000000000),
                ProductIds = new[] { "a", "b" },
                ProductTypes = new[] { "CONSUMABLE" },
                Sort = "DESCENDING",
                SubscriptionGroupIdentifiers = new[] { "g" },
                InAppOwnershipType = "PURCHASED",
                Revoked = false,
            };

            ServerApiRequest request = ServerApiOperations.TransactionHistory("20001", query, "rev");

            Assert.Equal(
                "/inApps/v2/history/20001?revision=rev&startDate=1698148900000&endDate=1700000000000&productId=a&productId=b&productType=CONSUMABLE&sort=DESCENDING&subscriptionGroupIdentifier=g&inAppOwnershipType=PURCHASED&revoked=false",
                request.PathAndQuery());
        }

        [Fact]
        public void ConsumptionBodyLeavesOutWhatWasNotGiven()
        {
            ServerApiRequest request = ServerApiOperations.ConsumptionInformation("1", new ConsumptionInformation { CustomerConsented = true, DeliveryStatus = "DELIVERED" });

            Assert.Equal("PUT", request.Method);
            Assert.Equal("{\"customerConsented\":true,\"deliveryStatus\":\"DELIVERED\",\"sampleContentProvided\":false}", request.BodyJson);
        }
    }
}
