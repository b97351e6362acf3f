using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using AppStoreJws.Errors;
using AppStoreJws.ServerApi.Client;
using AppStoreJws.ServerApi.Retention;
using Xunit;

namespace AppStoreJws.Core.Tests
{
    public class RetentionContentTests
    {
        [Fact]
        public void Crc32IsPngs()
        {
            // The CRC every PNG's IEND chunk ends with.
            Assert.Equal(0xAE426082u, RetentionImage.Crc32(Encoding.ASCII.GetBytes("IEND")));
        }

        [Fact]
        public void ReadsAFullSizePng()
        {
            RetentionImage image = RetentionImage.Read(Png(3840, 2160), "test", "FULL_SIZE");
            Assert.Equal(3840, image.Width);
            Assert.Equal(2160, image.Height);
            Assert.False(image.HasTransparency);
        }

        [Theory]
        [InlineData(3839, 160, "FULL_SIZE")]
        [InlineData(3840, 159, "FULL_SIZE")]
        [InlineData(3840, 2161, "FULL_SIZE")]
        [InlineData(3841, 100, "BULLET_POINT")]
        [InlineData(100, 2161, "BULLET_POINT")]
        public void RefusesSizesAppleDoesNotAccept(int width, int height, string size)
        {
            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => RetentionImage.Read(Png(width, height), "test", size));
            Assert.Equal("RetentionImageSizeRefused", e.ErrorId);
            Assert.Contains($"{width} × {height}", e.Message);
        }

        [Fact]
        public void TakesASmallBulletPoint()
        {
            Assert.Equal(64, RetentionImage.Read(Png(64, 64), "test", "BULLET_POINT").Width);
        }

        [Fact]
        public void SeesAnAlphaChannel()
        {
            Assert.True(RetentionImage.Read(Png(3840, 160, colorType: 6), "test", "FULL_SIZE").HasTransparency);
        }

        [Theory]
        [InlineData("signature")]
        [InlineData("crc")]
        [InlineData("cut")]
        [InlineData("trailing")]
        [InlineData("no-ihdr")]
        [InlineData("bad-depth")]
        [InlineData("huge-length")]
        public void RefusesWhatIsNotAWholePng(string damage)
        {
            byte[] png = Png(3840, 160, colorType: damage == "bad-depth" ? (byte)3 : (byte)2, depth: damage == "bad-depth" ? (byte)16 : (byte)8);
            switch (damage)
            {
                case "signature": png[1] = (byte)'X'; break;
                case "crc": png[png.Length - 13] ^= 0xFF; break; // the IDAT CRC, just before IEND
                case "cut": png = png.Take(png.Length - 12).ToArray(); break;
                case "trailing": png = png.Concat(new byte[] { 0 }).ToArray(); break;
                case "no-ihdr": Encoding.ASCII.GetBytes("IHDX").CopyTo(png, 12); break;
                case "huge-length": BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(33), 0x7FFFFFF0u); break;
            }

            AppStoreJwsException e = Assert.Throws<AppStoreJwsException>(() => RetentionImage.Read(png, "test", "FULL_SIZE"));
            Assert.Equal("RetentionImageNotPng", e.ErrorId);
        }

        [Fact]
        public void CountsCharactersAsApple()
        {
            Assert.Equal(1, RetentionMessageContent.Length("\U0001F525"));
            Assert.Equal(3, RetentionMessageContent.Length("ünï"));
        }

        [Fact]
        public void NamesEveryProblem()
        {
            RetentionMessageContent message = new RetentionMessageContent { Header = new string('h', 67), Body = "", HeaderPosition = "ABOVE_IMAGE", AltText = new string('a', 151) };
            message.BulletPoints.Add(new RetentionBulletPoint(new string('t', 67), Guid.NewGuid(), "ok"));
            var problems = message.Problems();
            Assert.Equal(6, problems.Count);
            Assert.Contains(problems, p => p.Contains("HEADER_TOO_LONG"));
            Assert.Contains(problems, p => p.Contains("the body is empty"));
            Assert.Contains(problems, p => p.Contains("without an image"));
            Assert.Contains(problems, p => p.Contains("ALT_TEXT_TOO_LONG"));
            Assert.Contains(problems, p => p.Contains("BAD_REQUEST_ABOVE_IMAGE_REQUIRES_AN_IMAGE"));
            Assert.Contains(problems, p => p.Contains("BAD_REQUEST_BULLET_POINT_TEXT_TOO_LONG"));
        }

        [Fact]
        public void AMessageAtApplesLimitsHasNoProblem()
        {
            RetentionMessageContent message = new RetentionMessageContent { Header = new string('h', 66), Body = new string('b', 144), ImageIdentifier = Guid.NewGuid(), AltText = new string('a', 150) };
            message.BulletPoints.Add(new RetentionBulletPoint(new string('t', 66), Guid.NewGuid(), new string('a', 150)));
            Assert.Empty(message.Problems());
        }

        [Fact]
        public void SendsIdentifiersInLowercase()
        {
            Guid id = Guid.Parse("A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D");
            ServerApiRequest request = ServerApiOperations.UploadMessage(id, new RetentionMessageContent { Header = "h", Body = "b", ImageIdentifier = id, AltText = "a" });
            Assert.Equal("/inApps/v1/messaging/message/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", request.Path);
            Assert.Equal("{\"header\":\"h\",\"body\":\"b\",\"image\":{\"imageIdentifier\":\"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\",\"altText\":\"a\"}}", request.BodyJson);
            Assert.Equal("/inApps/v1/messaging/image/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", ServerApiOperations.DeleteImage(id).Path);
        }

        private static byte[] Png(int width, int height, byte colorType = 2, byte depth = 8)
        {
            int channels = colorType == 6 ? 4 : 3;
            byte[] header = new byte[13];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
            header[8] = depth;
            header[9] = colorType;
            MemoryStream raw = new MemoryStream();
            using (ZLibStream zlib = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
            {
                byte[] row = new byte[1 + width * channels];
                for (int y = 0; y < height; y++)
                {
                    zlib.Write(row, 0, row.Length);
                }
            }

            MemoryStream png = new MemoryStream();
            png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
            Chunk(png, "IHDR", header);
            Chunk(png, "IDAT", raw.ToArray());
            Chunk(png, "IEND", Array.Empty<byte>());
            return png.ToArray();
        }

        private static void Chunk(Stream png, string type, byte[] data)
        {
            byte[] length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
            byte[] typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            byte[] crc = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, RetentionImage.Crc32(typeAndData));
            png.Write(length);
            png.Write(typeAndData);
            png.Write(crc);
        }
    }
}
