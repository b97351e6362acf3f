using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AppStoreJws.Errors;
using AppStoreJws.Receipts;
using AppStoreJws.TestData;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>
    /// The receipt decoder on Apple's vectors, on receipts built here (DER, BER with indefinite lengths, one to many
    /// purchases, unknown attributes, subscriptions), and on damaged ones: nothing but AppStoreJwsException escapes.
    /// </summary>
    public class ReceiptDecoderTests
    {
        private static readonly DateTimeOffset Bought = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

        public static IEnumerable<object[]> Encodings() => Enum.GetValues<ReceiptEncoding>().Select(e => new object[] { e });

        [AppleDataFact]
        public void ReadsXcodesReceiptWithoutPurchasesAsAppleDoes()
        {
            AppStoreReceipt receipt = ReceiptDecoder.Decode(File.ReadAllText(AppleTestData.File("apple-test-vectors", "xcode", "xcode-app-receipt-empty")));

            Assert.Equal("App", receipt.Kind);
            Assert.Null(receipt.TransactionId);
            Assert.Empty(receipt.OriginalTransactionIds);
            Assert.Empty(receipt.InAppPurchases);
            Assert.Equal("com.example.naturelab.backyardbirds.example", receipt.BundleId);
            Assert.Equal("Xcode", receipt.ReceiptType);
            Assert.Equal("1", receipt.ApplicationVersion);
            Assert.Equal(new DateTimeOffset(2023, 10, 19, 1, 18, 54, TimeSpan.Zero), receipt.ReceiptCreationDate);
            Assert.Equal(new DateTimeOffset(4001, 1, 1, 0, 0, 0, TimeSpan.Zero), receipt.ReceiptExpirationDate);
            Assert.Equal(new[] { 1, 4, 5, 8 }, receipt.OtherAttributes.Select(a => a.Type));
            Assert.False(receipt.IsVerified);
        }

        [AppleDataFact]
        public void ReadsXcodesReceiptWithATransactionAsAppleDoes()
        {
            AppStoreReceipt receipt = ReceiptDecoder.Decode(File.ReadAllText(AppleTestData.File("apple-test-vectors", "xcode", "xcode-app-receipt-with-transaction")));

            Assert.Equal("0", receipt.TransactionId);
            Assert.Equal(new[] { "0" }, receipt.OriginalTransactionIds);
            AppStoreReceiptPurchase purchase = Assert.Single(receipt.InAppPurchases);
            Assert.Equal("pass.premium", purchase.ProductId);
            Assert.Equal(1, purchase.Quantity);
            Assert.Equal("0", purchase.TransactionId);
            Assert.Null(purchase.OriginalTransactionId);
            Assert.Equal(new DateTimeOffset(2023, 10, 19, 1, 45, 36, TimeSpan.Zero), purchase.PurchaseDate);
            Assert.Equal(new DateTimeOffset(2023, 11, 19, 1, 45, 36, TimeSpan.Zero), purchase.ExpiresDate);
            Assert.True(purchase.IsInIntroOfferPeriod);
            Assert.Null(purchase.CancellationDate);
        }

        [AppleDataFact]
        public void ReadsApplesLegacyTransactionReceipt()
        {
            AppStoreReceipt receipt = ReceiptDecoder.Decode(File.ReadAllText(AppleTestData.File("apple-test-vectors", "mock_signed_data", "legacyTransaction")));

            Assert.Equal("Transaction", receipt.Kind);
            Assert.Equal("33993399", receipt.TransactionId);
            Assert.Equal(new[] { "33993399" }, receipt.OriginalTransactionIds);
            Assert.Equal("33993399", Assert.Single(receipt.InAppPurchases).TransactionId);
        }

        [Theory]
        [MemberData(nameof(Encodings))]
        public void ReadsEveryFieldOfABuiltReceiptInEveryEncoding(ReceiptEncoding encoding)
        {
            // 40 purchases make the content over 1,000 bytes, so the segmented form has several segments.
            List<byte[]> purchases = Enumerable.Range(0, 40).Select(i => TestReceipts.Purchase(
                $"com.example.monthly{i % 3}", (2000000000000100 + i).ToString(), (2000000000000000 + (i % 3)).ToString(), Bought.AddMonths(i),
                expiresDate: Bought.AddMonths(i + 1), cancellationDate: i == 7 ? Bought.AddMonths(i).AddDays(3) : null,
                webOrderLineItemId: 2000000099999999 + i, isTrialPeriod: i == 0, isInIntroOfferPeriod: false)).ToList();
            byte[] receiptSet = TestReceipts.ReceiptSet("com.example.app", purchases, "Production", Bought.AddYears(4));

            AppStoreReceipt receipt = ReceiptDecoder.DecodeBytes(TestReceipts.AppReceipt(receiptSet, encoding));

            Assert.Equal("com.example.app", receipt.BundleId);
            Assert.Equal("Production", receipt.ReceiptType);
            Assert.Equal("42", receipt.ApplicationVersion);
            Assert.Equal("1.0", receipt.OriginalApplicationVersion);
            Assert.Equal(Bought.AddYears(4), receipt.ReceiptCreationDate);
            Assert.Null(receipt.ReceiptExpirationDate);
            Assert.Equal(40, receipt.InAppPurchases.Count);
            Assert.Equal("2000000000000100", receipt.TransactionId);
            Assert.Equal(new[] { "2000000000000000", "2000000000000001", "2000000000000002" }, receipt.OriginalTransactionIds);
            AppStoreReceiptPurchase seventh = receipt.InAppPurchases[7];
            Assert.Equal("com.example.monthly1", seventh.ProductId);
            Assert.Equal(1, seventh.Quantity);
            Assert.Equal("2000000000000107", seventh.TransactionId);
            Assert.Equal("2000000000000001", seventh.OriginalTransactionId);
            Assert.Equal(Bought.AddMonths(7), seventh.PurchaseDate);
            Assert.Equal(Bought.AddMonths(7), seventh.OriginalPurchaseDate);
            Assert.Equal(Bought.AddMonths(8), seventh.ExpiresDate);
            Assert.Equal(Bought.AddMonths(7).AddDays(3), seventh.CancellationDate);
            Assert.Equal("2000000100000006", seventh.WebOrderLineItemId);
            Assert.False(seventh.IsTrialPeriod);
            Assert.False(seventh.IsInIntroOfferPeriod);
            Assert.True(receipt.InAppPurchases[0].IsTrialPeriod);
            Assert.Null(receipt.InAppPurchases[0].CancellationDate);
            Assert.Equal(new[] { 4, 5 }, receipt.OtherAttributes.Select(a => a.Type));
            Assert.Equal(new byte[] { 0x12, 0x34, 0x56, 0x78 }, receipt.OtherAttributes[0].Value);
        }

        [Fact]
        public void ReadsAReceiptWithOnePurchase()
        {
            AppStoreReceipt receipt = Decode(TestReceipts.Purchase("com.example.lifetime", "1000000000000001", "1000000000000001", Bought));

            Assert.Equal("1000000000000001", receipt.TransactionId);
            Assert.Equal(new[] { "1000000000000001" }, receipt.OriginalTransactionIds);
            Assert.Null(Assert.Single(receipt.InAppPurchases).ExpiresDate);
        }

        [Fact]
        public void TakesTheTransactionIdFromTheFirstPurchaseThatHasOneAsApplesUtilityDoes()
        {
            byte[] noIds = TestReceipts.Purchase("com.example.a", null, null, Bought);
            byte[] originalFirst = TestReceipts.Set(new[]
            {
                TestReceipts.Attribute(1702, TestReceipts.Utf8("com.example.b")),
                TestReceipts.Attribute(1705, TestReceipts.Utf8("300")),
                TestReceipts.Attribute(1703, TestReceipts.Utf8("301")),
            });
            byte[] later = TestReceipts.Purchase("com.example.c", "400", "400", Bought);

            AppStoreReceipt receipt = Decode(noIds, originalFirst, later);

            Assert.Equal("300", receipt.TransactionId);
            Assert.Equal(new[] { "300", "400" }, receipt.OriginalTransactionIds);
            Assert.Equal("301", receipt.InAppPurchases[1].TransactionId);
        }

        [Fact]
        public void UsesThePurchasesTransactionIdWhereItNamesNoOriginal()
        {
            AppStoreReceipt receipt = Decode(TestReceipts.Purchase("com.example.a", "500", null, Bought), TestReceipts.Purchase("com.example.b", "501", "500", Bought));

            Assert.Equal(new[] { "500" }, receipt.OriginalTransactionIds);
        }

        [Fact]
        public void KeepsUnknownAttributesByNumberAtBothLevels()
        {
            byte[] purchase = TestReceipts.Purchase("com.example.a", "600", "600", Bought,
                more: new[] { TestReceipts.Attribute(1707, TestReceipts.Integer(3)), TestReceipts.Attribute(9999, new byte[] { 1, 2, 3 }) });
            byte[] set = TestReceipts.ReceiptSet("com.example.app", new[] { purchase }, more: new[] { TestReceipts.Attribute(77, TestReceipts.Utf8("new")) });

            AppStoreReceipt receipt = ReceiptDecoder.DecodeBytes(TestReceipts.AppReceipt(set));

            Assert.Equal(new[] { 4, 5, 77 }, receipt.OtherAttributes.Select(a => a.Type));
            Assert.Equal(TestReceipts.Utf8("new"), receipt.OtherAttributes[2].Value);
            Assert.Equal(new[] { 1707, 9999 }, receipt.InAppPurchases[0].OtherAttributes.Select(a => a.Type));
            Assert.Equal(new byte[] { 1, 2, 3 }, receipt.InAppPurchases[0].OtherAttributes[1].Value);
        }

        [Fact]
        public void ReadsBase64WithLineBreaksAndUrlSafeBase64()
        {
            byte[] bytes = TestReceipts.AppReceipt(TestReceipts.ReceiptSet("com.example.app", new[] { TestReceipts.Purchase("p", "700", "700", Bought) }));

            Assert.Equal("700", ReceiptDecoder.Decode(Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks)).TransactionId);
            Assert.Equal("700", ReceiptDecoder.Decode(Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=')).TransactionId);
        }

        [Fact]
        public void ReadsABuiltTransactionReceipt()
        {
            byte[] text = TestReceipts.TransactionReceipt("800", "799", "com.example.coins", Bought);

            AppStoreReceipt receipt = ReceiptDecoder.Decode(Convert.ToBase64String(text));

            Assert.Equal("Transaction", receipt.Kind);
            Assert.Equal("800", receipt.TransactionId);
            Assert.Equal(new[] { "799" }, receipt.OriginalTransactionIds);
            Assert.Equal("com.example.app", receipt.BundleId);
            Assert.Equal("Sandbox", receipt.ReceiptType);
            AppStoreReceiptPurchase purchase = Assert.Single(receipt.InAppPurchases);
            Assert.Equal("com.example.coins", purchase.ProductId);
            Assert.Equal(Bought, purchase.PurchaseDate);
            Assert.Equal(1, purchase.Quantity);
            Assert.Equal("521129812", receipt.TextFields!["item-id"]);
        }

        [Theory]
        [InlineData(ReceiptEncoding.Der)]
        [InlineData(ReceiptEncoding.Xcode)]
        public void RefusesAReceiptCutShortAtEveryLength(ReceiptEncoding encoding)
        {
            byte[] whole = TestReceipts.AppReceipt(TestReceipts.ReceiptSet("com.example.app", new[] { TestReceipts.Purchase("p", "1", "1", Bought) }), encoding);
            for (int length = 0; length < whole.Length; length++)
            {
                AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => ReceiptDecoder.DecodeBytes(whole.AsSpan(0, length).ToArray()));
                Assert.Equal(length == 0 ? ReceiptErrors.NotPkcs7 : ReceiptErrors.Truncated, e.ErrorId);

                string base64 = Convert.ToBase64String(whole, 0, length);
                Assert.Throws<AppStoreJwsException>(() => ReceiptDecoder.Decode(base64 + (length % 7 == 0 ? "\n" : string.Empty)));
            }
        }

        [Fact]
        public void NothingButTheModulesExceptionEscapesAChangedByte()
        {
            byte[] whole = TestReceipts.AppReceipt(TestReceipts.ReceiptSet("com.example.app", new[] { TestReceipts.Purchase("p", "1", "1", Bought, expiresDate: Bought) }), ReceiptEncoding.Xcode);
            foreach (byte replacement in new byte[] { 0x00, 0x04, 0x24, 0x30, 0x80, 0xFF })
            {
                for (int i = 0; i < whole.Length; i++)
                {
                    byte[] changed = (byte[])whole.Clone();
                    changed[i] = replacement;
                    try
                    {
                        ReceiptDecoder.DecodeBytes(changed);
                    }
                    catch (AppStoreJwsException e)
                    {
                        Assert.StartsWith("Receipt", e.ErrorId);
                    }
                }
            }
        }

        [Fact]
        public void RefusesWrongTagsWithStableIds()
        {
            byte[] purchase = TestReceipts.Purchase("p", "1", "1", Bought);
            byte[] receipt = TestReceipts.AppReceipt(TestReceipts.ReceiptSet("com.example.app", new[] { purchase }));

            byte[] notSequence = (byte[])receipt.Clone();
            notSequence[0] = 0x31;
            Assert.Equal(ReceiptErrors.NotPkcs7, Refused(notSequence));

            byte[] otherContentType = Replace(receipt, new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02 }, new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03 });
            Assert.Equal(ReceiptErrors.NotPkcs7, Refused(otherContentType));

            byte[] notData = Replace(receipt, new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01 }, new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x05 });
            Assert.Equal(ReceiptErrors.Malformed, Refused(notData));

            byte[] quantityAsText = TestReceipts.Set(new[] { TestReceipts.Attribute(1701, TestReceipts.Utf8("one")) });
            AppStoreJwsException bad = Assert.Throws<AppStoreJwsException>(() => Decode(quantityAsText));
            Assert.Equal(ReceiptErrors.BadAttribute, bad.ErrorId);
            Assert.Contains("quantity (type 1701, attribute 1 of in-app purchase 1) holds a UTF8String; expected an INTEGER", bad.Message);

            byte[] badDate = TestReceipts.Set(new[] { TestReceipts.Attribute(1704, TestReceipts.Ia5("yesterday")) });
            Assert.Contains("'yesterday'; expected an RFC 3339 date", Assert.Throws<AppStoreJwsException>(() => Decode(badDate)).Message);

            byte[] productAsInteger = TestReceipts.Set(new[] { TestReceipts.Attribute(1702, TestReceipts.Integer(5)) });
            Assert.Equal(ReceiptErrors.BadAttribute, Assert.Throws<AppStoreJwsException>(() => Decode(productAsInteger)).ErrorId);
        }

        [Fact]
        public void RefusesWrongNesting()
        {
            // The receipt set as a SEQUENCE instead of a SET.
            byte[] set = TestReceipts.ReceiptSet("com.example.app", Array.Empty<byte[]>());
            byte[] sequence = (byte[])set.Clone();
            sequence[0] = 0x30;
            Assert.Equal(ReceiptErrors.Malformed, Refused(TestReceipts.AppReceipt(sequence)));

            // An attribute that is an INTEGER instead of a SEQUENCE, and one with a fourth element.
            Assert.Equal(ReceiptErrors.BadAttribute, Refused(TestReceipts.AppReceipt(new byte[] { 0x31, 0x03, 0x02, 0x01, 0x05 })));
            byte[] fourElements = { 0x31, 0x0D, 0x30, 0x0B, 0x02, 0x01, 0x02, 0x02, 0x01, 0x01, 0x04, 0x00, 0x02, 0x01, 0x00 };
            Assert.Equal(ReceiptErrors.BadAttribute, Refused(TestReceipts.AppReceipt(fourElements)));

            // An in-app purchase whose value is not a SET of attributes.
            Assert.Equal(ReceiptErrors.Malformed, Refused(TestReceipts.AppReceipt(TestReceipts.ReceiptSet("com.example.app", new[] { TestReceipts.Utf8("x") }))));

            // Bytes after the ContentInfo.
            byte[] receipt = TestReceipts.AppReceipt(set);
            Assert.Equal(ReceiptErrors.Malformed, Refused(receipt.Concat(new byte[] { 0x05, 0x00 }).ToArray()));
        }

        [Fact]
        public void BoundsTheNestingDepthWithoutRecursing()
        {
            // A SEQUENCE holding constructed OCTET STRINGs nested a million deep, all indefinite.
            int depth = 1_000_000;
            byte[] deep = new byte[2 + (depth * 4) + 2];
            deep[0] = 0x30;
            deep[1] = 0x80;
            for (int i = 0; i < depth; i++)
            {
                deep[2 + (i * 2)] = 0x24;
                deep[3 + (i * 2)] = 0x80;
            }

            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => ReceiptDecoder.DecodeBytes(deep));
            Assert.Equal(ReceiptErrors.Malformed, e.ErrorId);
            Assert.Contains($"nested more than {Asn1Framing.MaximumDepth} deep", e.Message);
        }

        [Theory]
        [InlineData("no such receipt file")]
        [InlineData("a\0b")]
        public void NamesAReceiptFileThatCannotBeRead(string name)
        {
            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => ReceiptDecoder.DecodeFile(Path.Combine(Path.GetTempPath(), name)));
            Assert.Equal("ReceiptFileNotReadable", e.ErrorId);
            Assert.DoesNotContain('\0', e.Message.ToCharArray());
        }

        [Fact]
        public void RefusesOversizeBeforeDecoding()
        {
            Assert.Equal(ReceiptErrors.TooLarge, Assert.Throws<AppStoreJwsException>(() => ReceiptDecoder.Decode(new string('A', ReceiptDecoder.MaximumTextLength + 1))).ErrorId);
            Assert.Equal(ReceiptErrors.TooLarge, Assert.Throws<AppStoreJwsException>(() => ReceiptDecoder.DecodeBytes(new byte[ReceiptDecoder.MaximumBytes + 1])).ErrorId);
        }

        [Theory]
        [InlineData("", ReceiptErrors.Empty)]
        [InlineData("   ", ReceiptErrors.Empty)]
        [InlineData("not a receipt!", ReceiptErrors.NotBase64)]
        [InlineData("eyJhbGciOiJFUzI1NiJ9.eyJ0cmFuc2FjdGlvbklkIjoiMSJ9.c2ln", ReceiptErrors.IsSignedData)]
        [InlineData("aGVsbG8gd29ybGQ=", ReceiptErrors.NotPkcs7)]
        [InlineData("{ \"signature\" = \"AAAA\"; }", ReceiptErrors.BadTransactionReceipt)]
        [InlineData("{ \"purchase-info\" = \"AAAA\" ", ReceiptErrors.BadTransactionReceipt)]
        public void RefusesWhatIsNoReceiptWithStableIds(string text, string errorId)
        {
            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => ReceiptDecoder.Decode(text));
            Assert.Equal(errorId, e.ErrorId);
            Assert.Equal(ErrorKind.InvalidData, e.Kind);
        }

        [Fact]
        public void SaysASignedTransactionIsOneAndNamesTheCmdletForIt()
        {
            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => ReceiptDecoder.Decode("eyJhbGciOiJFUzI1NiJ9.eyJ0cmFuc2FjdGlvbklkIjoiMSJ9.c2ln"));
            Assert.Contains("this is a signed transaction", e.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("ConvertFrom-AppStoreSignedData", e.Message);
        }

        [Fact]
        public void ReadsTheTextOfATransactionReceiptAsApplesUtilityDoes()
        {
            string purchase = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\n\"transaction-id\" = \"900\";\n\"product-id\" = \"p\";\n}"));
            AppStoreReceipt receipt = ReceiptDecoder.Decode(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\n\t\"purchase-info\" = \"{purchase}\";\n}}")));
            Assert.Equal("900", receipt.TransactionId);

            string noId = Convert.ToBase64String(Encoding.UTF8.GetBytes("{ \"product-id\" = \"p\"; }"));
            Assert.Null(ReceiptDecoder.Decode(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{ \"purchase-info\" = \"{noId}\"; }}"))).TransactionId);
        }

        private static AppStoreReceipt Decode(params byte[][] purchases) =>
            ReceiptDecoder.DecodeBytes(TestReceipts.AppReceipt(TestReceipts.ReceiptSet("com.example.app", purchases)));

        private static string Refused(byte[] receipt) => Assert.Throws<AppStoreJwsException>(() => ReceiptDecoder.DecodeBytes(receipt)).ErrorId;

        private static byte[] Replace(byte[] bytes, byte[] find, byte[] replacement)
        {
            int at = bytes.AsSpan().IndexOf(find);
            Assert.True(at >= 0);
            byte[] result = (byte[])bytes.Clone();
            replacement.CopyTo(result, at);
            return result;
        }
    }
}
