using System;
using System.Collections;
using System.Collections.Specialized;
using AppStoreJws.Json;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>Apple's *Date members as times: the one conversion signed data and the Server API's plain answers share.</summary>
    public class AppleDatesTests
    {
        [Fact]
        public void DatesInObjectsAtAnyDepthBecomeTimesEvenInListsOfLists()
        {
            OrderedDictionary answer = (OrderedDictionary)PlainObjectJson.Read(
                "{\"purchaseDate\":1700000000000,\"items\":[[{\"expiresDate\":1700000000000.5}]],\"data\":{\"signedDate\":1700000000001},\"quantity\":1700000000000}")!;

            AppleDates.ConvertDates(answer);

            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000), answer["purchaseDate"]);
            IDictionary inner = (IDictionary)((IList)((IList)answer["items"]!)[0]!)[0]!;
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000).AddTicks(5000), inner["expiresDate"]);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000001), ((IDictionary)answer["data"]!)["signedDate"]);
            Assert.Equal(1700000000000L, answer["quantity"]);
        }

        [Fact]
        public void FoundationsDistantPastIsTheFirstDayAndOutOfRangeStaysANumber()
        {
            OrderedDictionary answer = (OrderedDictionary)PlainObjectJson.Read("{\"originalPurchaseDate\":-62135769600000,\"expiresDate\":100000000000000000}")!;

            AppleDates.ConvertDates(answer);

            Assert.Equal(DateTimeOffset.MinValue, answer["originalPurchaseDate"]);
            Assert.Equal(100000000000000000L, answer["expiresDate"]);
        }
    }
}
