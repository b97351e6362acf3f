using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using AppStoreJws.Errors;

namespace AppStoreJws.ServerApi.Retention
{
    /// <summary>
    /// The checks a retention image passes before it is uploaded: a whole, well-formed PNG (signature, IHDR first, every
    /// chunk's CRC, IDAT, IEND last) of a size Apple accepts. Apple documents full-size images as 3840 pixels wide and
    /// 160 to 2160 high; for bullet-point images it documents no size here, so those are held to the full-size bounds.
    /// </summary>
    internal sealed class RetentionImage
    {
        public const int FullSizeWidth = 3840;
        public const int MinimumFullSizeHeight = 160;
        public const int MaximumHeight = 2160;

        /// <summary>The largest file read: far above a 3840 × 2160 PNG (about 25 MB even uncompressed).</summary>
        public const long MaximumFileBytes = 64L * 1024 * 1024;

        private static readonly byte[] Signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

        private RetentionImage(byte[] bytes, int width, int height, bool hasTransparency)
        {
            Bytes = bytes;
            Width = width;
            Height = height;
            HasTransparency = hasTransparency;
        }

        public byte[] Bytes { get; }

        public int Width { get; }

        public int Height { get; }

        /// <summary>Whether the PNG can carry transparency (an alpha channel or a tRNS chunk); Apple accepts only opaque images.</summary>
        public bool HasTransparency { get; }

        /// <summary>Reads and checks a PNG; <paramref name="source"/> names it in errors. Throws RetentionImageNotPng or RetentionImageSizeRefused.</summary>
        public static RetentionImage Read(byte[] bytes, string source, string imageSize)
        {
            if (bytes.Length < Signature.Length + 25 || !bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature))
            {
                throw NotPng(source, "it does not start with the PNG signature (89 50 4E 47 0D 0A 1A 0A)");
            }

            int offset = Signature.Length;
            int width = 0, height = 0;
            bool alpha = false, idat = false, first = true;
            while (true)
            {
                if (bytes.Length - offset < 12)
                {
                    throw NotPng(source, "it ends before its IEND chunk (the file is cut short)");
                }

                uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
                string type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
                if (length > int.MaxValue || bytes.Length - offset - 12 < (long)length)
                {
                    throw NotPng(source, $"its {Printable(type)} chunk at byte {offset} claims {length} bytes, more than the file holds");
                }

                ReadOnlySpan<byte> typeAndData = bytes.AsSpan(offset + 4, 4 + (int)length);
                uint stored = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 8 + (int)length));
                if (Crc32(typeAndData) != stored)
                {
                    throw NotPng(source, $"the CRC of its {Printable(type)} chunk at byte {offset} is wrong (the file is damaged)");
                }

                ReadOnlySpan<byte> data = typeAndData.Slice(4);
                if (first)
                {
                    if (type != "IHDR" || length != 13)
                    {
                        throw NotPng(source, $"its first chunk is {Printable(type)} of {length} bytes, not the 13-byte IHDR");
                    }

                    (width, height, alpha) = Header(data, source);
                    first = false;
                }
                else if (type == "IDAT")
                {
                    idat = true;
                }
                else if (type == "tRNS")
                {
                    alpha = true;
                }

                offset += 12 + (int)length;
                if (type == "IEND")
                {
                    break;
                }
            }

            if (!idat)
            {
                throw NotPng(source, "it has no image data (IDAT chunk)");
            }

            if (offset != bytes.Length)
            {
                throw NotPng(source, $"{bytes.Length - offset} bytes follow its IEND chunk");
            }

            CheckSize(source, imageSize, width, height);
            return new RetentionImage(bytes, width, height, alpha);
        }

        private static (int Width, int Height, bool Alpha) Header(ReadOnlySpan<byte> data, string source)
        {
            uint width = BinaryPrimitives.ReadUInt32BigEndian(data);
            uint height = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(4));
            byte depth = data[8], color = data[9];
            bool valid = color switch
            {
                0 => depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16,
                3 => depth == 1 || depth == 2 || depth == 4 || depth == 8,
                2 or 4 or 6 => depth == 8 || depth == 16,
                _ => false,
            };
            if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue || !valid || data[10] != 0 || data[11] != 0 || data[12] > 1)
            {
                throw NotPng(source, string.Format(CultureInfo.InvariantCulture,
                    "its IHDR is not one PNG allows ({0} × {1}, bit depth {2}, color type {3}, compression {4}, filter {5}, interlace {6})",
                    width, height, depth, color, data[10], data[11], data[12]));
            }

            return ((int)width, (int)height, color == 4 || color == 6);
        }

        private static void CheckSize(string source, string imageSize, int width, int height)
        {
            bool fullSize = imageSize != "BULLET_POINT";
            bool accepted = fullSize
                ? width == FullSizeWidth && height >= MinimumFullSizeHeight && height <= MaximumHeight
                : width <= FullSizeWidth && height <= MaximumHeight;
            if (!accepted)
            {
                string expected = fullSize
                    ? $"a full-size image is {FullSizeWidth} pixels wide and {MinimumFullSizeHeight} to {MaximumHeight} high"
                    : $"a bullet-point image is at most {FullSizeWidth} × {MaximumHeight} pixels";
                throw new AppStoreJwsException(ErrorIds.RetentionImageSizeRefused, ErrorKind.InvalidArgument, string.Format(CultureInfo.InvariantCulture,
                    "The image {0} is {1} × {2} pixels; {3}, so Apple would refuse it (INVALID_IMAGE). Nothing was sent.", source, width, height, expected));
            }
        }

        private static AppStoreJwsException NotPng(string source, string problem) =>
            new AppStoreJwsException(ErrorIds.RetentionImageNotPng, ErrorKind.InvalidData,
                $"The image {source} is not a PNG Apple can take: {problem}. Apple takes PNG files only; nothing was sent.");

        private static string Printable(string type)
        {
            foreach (char c in type)
            {
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
                {
                    return "unnamed";
                }
            }

            return type;
        }

        private static readonly uint[] CrcTable = BuildCrcTable();

        private static uint[] BuildCrcTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }

        /// <summary>The CRC-32 PNG puts after each chunk, over its type and data.</summary>
        internal static uint Crc32(ReadOnlySpan<byte> bytes)
        {
            uint c = 0xFFFFFFFFu;
            foreach (byte b in bytes)
            {
                c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
            }

            return c ^ 0xFFFFFFFFu;
        }
    }
}
