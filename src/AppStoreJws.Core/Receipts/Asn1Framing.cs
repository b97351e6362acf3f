using System;
using AppStoreJws.Errors;

namespace AppStoreJws.Receipts
{
    /// <summary>
    /// Walks the BER framing of one element (tags and lengths, not contents) before it is read, without recursion:
    /// it tells a receipt cut short (a database column too narrow, a copy that stopped) from one whose encoding is
    /// wrong, bounds the nesting depth, and refuses bytes after the element.
    /// </summary>
    internal static class Asn1Framing
    {
        /// <summary>An app receipt nests about a dozen deep (its certificates' extensions); far more is not a receipt.</summary>
        public const int MaximumDepth = 32;

        private const int Indefinite = -1;

        public static void Check(ReadOnlySpan<byte> data, string what)
        {
            Span<int> ends = stackalloc int[MaximumDepth];
            int depth = 0;
            int position = 0;
            do
            {
                if (depth > 0 && ends[depth - 1] == Indefinite && position < data.Length && data[position] == 0)
                {
                    if (position + 1 >= data.Length)
                    {
                        throw Truncated(data.Length, what);
                    }

                    if (data[position + 1] != 0)
                    {
                        throw Malformed($"an end-of-contents marker with a length at byte {position:N0}", what);
                    }

                    position += 2;
                    depth--;
                }
                else
                {
                    int start = position;
                    if (position >= data.Length)
                    {
                        throw Truncated(data.Length, what);
                    }

                    byte identifier = data[position++];
                    if (identifier == 0)
                    {
                        throw Malformed($"an end-of-contents marker where an element was expected, at byte {start:N0}", what);
                    }

                    if ((identifier & 0x1F) == 0x1F)
                    {
                        int tagBytes = 0;
                        do
                        {
                            if (position >= data.Length)
                            {
                                throw Truncated(data.Length, what);
                            }

                            tagBytes++;
                        }
                        while ((data[position++] & 0x80) != 0 && tagBytes < 4);
                        if ((data[position - 1] & 0x80) != 0)
                        {
                            throw Malformed($"a tag number longer than 4 bytes at byte {start:N0}", what);
                        }
                    }

                    int length = ReadLength(data, ref position, start, what);
                    bool constructed = (identifier & 0x20) != 0;
                    if (length == Indefinite)
                    {
                        if (!constructed)
                        {
                            throw Malformed($"a primitive element with an indefinite length at byte {start:N0}", what);
                        }
                    }
                    else
                    {
                        long end = (long)position + length;
                        if (end > data.Length)
                        {
                            throw Truncated(data.Length, what);
                        }

                        if (depth > 0 && ends[depth - 1] != Indefinite && end > ends[depth - 1])
                        {
                            throw Malformed($"an element at byte {start:N0} that runs past the end of the element holding it", what);
                        }

                        if (!constructed)
                        {
                            position = (int)end;
                        }
                    }

                    if (constructed)
                    {
                        if (depth == MaximumDepth)
                        {
                            throw Malformed($"elements nested more than {MaximumDepth} deep", what);
                        }

                        ends[depth++] = length == Indefinite ? Indefinite : position + length;
                    }
                }

                while (depth > 0 && ends[depth - 1] != Indefinite && position == ends[depth - 1])
                {
                    depth--;
                }
            }
            while (depth > 0);

            if (position != data.Length)
            {
                throw Malformed($"{data.Length - position:N0} bytes after its end", what);
            }
        }

        private static int ReadLength(ReadOnlySpan<byte> data, ref int position, int start, string what)
        {
            if (position >= data.Length)
            {
                throw Truncated(data.Length, what);
            }

            byte first = data[position++];
            if (first < 0x80)
            {
                return first;
            }

            if (first == 0x80)
            {
                return Indefinite;
            }

            int count = first & 0x7F;
            if (count > 4 || first == 0xFF)
            {
                throw Malformed($"a length of {count} bytes at byte {start:N0}", what);
            }

            long length = 0;
            for (int i = 0; i < count; i++)
            {
                if (position >= data.Length)
                {
                    throw Truncated(data.Length, what);
                }

                length = (length << 8) | data[position++];
            }

            if (length > int.MaxValue)
            {
                throw Malformed($"a length of {length:N0} bytes at byte {start:N0}", what);
            }

            return (int)length;
        }

        private static AppStoreJwsException Truncated(int length, string what) =>
            ReceiptErrors.Of(ReceiptErrors.Truncated,
                $"The receipt is cut short: {what} ends after {length:N0} bytes, inside an element whose length says there is more. A receipt stored in a column too narrow for it loses its end; expected the whole receipt.");

        private static AppStoreJwsException Malformed(string found, string what) =>
            ReceiptErrors.Of(ReceiptErrors.Malformed, $"The receipt's encoding is broken: {what} has {found}; expected well-formed DER or BER.");
    }
}
