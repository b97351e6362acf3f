using System;
using System.Security.Cryptography;
using System.Text;
using AppStoreJws.Keys;
using AppStoreJws.TestData;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>
    /// The key text check on a cell that is one run of plain base64, which it reads without its pattern: a key's body
    /// and the base64 of a whole PEM are still found there, a receipt of the same shape is not taken for one.
    /// </summary>
    public class PrivateKeyTextTests
    {
        [Fact]
        public void FindsAKeyInOneRunOfPlainBase64AsInAnyOtherForm()
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            string body = Convert.ToBase64String(key.ExportPkcs8PrivateKey());
            string pem = key.ExportPkcs8PrivateKeyPem();

            Assert.True(PrivateKeyText.Contains(body));
            Assert.True(PrivateKeyText.Contains(body.TrimEnd('=')));
            Assert.True(PrivateKeyText.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(pem))));
            Assert.True(PrivateKeyText.Contains(body.Substring(0, 64) + "\n" + body.Substring(64)));
            Assert.True(PrivateKeyText.Contains("key: " + body));
        }

        [Fact]
        public void DoesNotTakeAReceiptForAKey()
        {
            byte[] receipt = TestReceipts.AppReceipt(TestReceipts.ReceiptSet("com.example.app", new[] { TestReceipts.Purchase("p", "1", "1", DateTimeOffset.UnixEpoch) }));

            Assert.False(PrivateKeyText.Contains(Convert.ToBase64String(receipt)));
            Assert.False(PrivateKeyText.Contains(Convert.ToBase64String(receipt, Base64FormattingOptions.InsertLineBreaks)));
        }
    }
}
