using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using AppStoreJws.Errors;
using AppStoreJws.Keys;
using AppStoreJws.LegacySignature;
using AppStoreJws.Signing;
using AppStoreJws.StoreKit;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    /// <summary>The r‖s to DER conversion at its edges (leading zeros, high bits) and the v1 timestamp rules.</summary>
    public class LegacySignatureTests
    {
        [Theory]
        [InlineData(0x7F, 0x7F, 70)]   // no padding either way
        [InlineData(0x80, 0x7F, 71)]   // r needs a 0x00 to stay positive
        [InlineData(0xFF, 0x80, 72)]   // both do
        public void EncodesBothHalvesAsPositiveIntegers(int firstOfR, int firstOfS, int expectedLength)
        {
            byte[] p1363 = Signature(Half(firstOfR), Half(firstOfS));

            byte[] der = DerSignature.FromP1363(p1363);

            Assert.Equal(expectedLength, der.Length);
            AssertIntegers(der, p1363);
        }

        [Fact]
        public void DropsTheP1363PaddingThatDerForbids()
        {
            byte[] r = Half(0x00);
            r[1] = 0x12;                          // 00 12 …: 31 significant bytes
            byte[] s = new byte[32];
            s[31] = 0x05;                         // the integer 5: one byte

            byte[] der = DerSignature.FromP1363(Signature(r, s));

            Assert.Equal(2 + (2 + 31) + (2 + 1), der.Length);
            AssertIntegers(der, Signature(r, s));
        }

        [Fact]
        public void KeepsOneZeroWhenTheNextByteHasItsHighBitSet()
        {
            byte[] r = Half(0x00);
            r[1] = 0x9A;                          // 00 9A …: DER keeps exactly one leading zero

            byte[] der = DerSignature.FromP1363(Signature(r, Half(0x01)));

            AsnReader sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            ReadOnlyMemory<byte> encodedR = sequence.ReadIntegerBytes();
            Assert.Equal(32, encodedR.Length);
            Assert.Equal(0x00, encodedR.Span[0]);
            Assert.Equal(0x9A, encodedR.Span[1]);
        }

        [Fact]
        public void RealSignaturesVerifyInDerForm()
        {
            using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            byte[] data = Encoding.UTF8.GetBytes("com.example.app\u20632X9R4HXF34\u2063p\u2063o\u2063\u2063a1b2c3d4-0000-4000-8000-00000000000f\u20631767323045678");
            for (int i = 0; i < 200; i++)
            {
                byte[] der = DerSignature.FromP1363(ecdsa.SignData(data, HashAlgorithmName.SHA256));
                Assert.True(ecdsa.VerifyData(data, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            }
        }

        [Theory]
        [InlineData(1L)]
        [InlineData(1767323045L)]
        [InlineData(99_999_999_999L)]
        public void RefusesATimestampThatLooksLikeSeconds(long timestamp)
        {
            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => Sign(timestamp));

            Assert.Equal("TimestampInSeconds", e.ErrorId);
            Assert.Contains("milliseconds", e.Message);
        }

        [Theory]
        [InlineData(0L)]
        [InlineData(-1767323045678L)]
        [InlineData(1_767_323_045_678_000L)]
        public void RefusesATimestampOutOfRange(long timestamp)
        {
            Assert.Equal("InvalidTimestamp", Assert.Throws<AppStoreJwsException>(() => Sign(timestamp)).ErrorId);
        }

        [Fact]
        public void AcceptsTheFirstMillisecondTimestampAboveTheSecondsRange()
        {
            Assert.Equal(100_000_000_000L, Sign(100_000_000_000L).Timestamp);
        }

        private static PromotionalOfferSignatureV1 Sign(long timestamp)
        {
            using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            AppStoreKey key = AppStoreKeyLoader.LoadText(ecdsa.ExportPkcs8PrivateKeyPem(), "test", new KeyIdentity { KeyId = "2X9R4HXF34", BundleId = "com.example.app" }, new KeyLoadReport());
            return PromotionalOfferV1Signer.Create(key, new TokenIssuance(), "p", "o", null, timestamp, new List<string>());
        }

        private static byte[] Half(int first)
        {
            byte[] half = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
            half[0] = (byte)first;
            return half;
        }

        private static byte[] Signature(byte[] r, byte[] s) => r.Concat(s).ToArray();

        // The DER integers, read back with AsnReader and left-padded to 32 bytes, are the P1363 halves again.
        private static void AssertIntegers(byte[] der, byte[] p1363)
        {
            AsnReader reader = new AsnReader(der, AsnEncodingRules.DER);
            AsnReader sequence = reader.ReadSequence();
            Assert.False(reader.HasData);
            Assert.Equal(p1363.Take(32), ToHalf(sequence.ReadIntegerBytes()));
            Assert.Equal(p1363.Skip(32), ToHalf(sequence.ReadIntegerBytes()));
            Assert.False(sequence.HasData);
        }

        private static byte[] ToHalf(ReadOnlyMemory<byte> integer)
        {
            byte[] bytes = integer.ToArray().SkipWhile(b => b == 0).ToArray();
            return new byte[32 - bytes.Length].Concat(bytes).ToArray();
        }
    }
}
