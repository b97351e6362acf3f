using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AppStoreJws.Http
{
    /// <summary>
    /// Reads an HTTP body up to a limit and no further. The stream is the decompressed one, so a small gzip bomb counts
    /// at its inflated size; an endless body stops at the limit instead of filling memory.
    /// </summary>
    internal static class BoundedContent
    {
        /// <summary>The body's bytes, or <see cref="BodyTooLargeException"/> as soon as more than <paramref name="limit"/> bytes arrive.</summary>
        public static async Task<byte[]> ReadAsync(HttpContent? content, long limit, CancellationToken cancel)
        {
            if (content == null)
            {
                return Array.Empty<byte>();
            }

            long? declared = content.Headers.ContentLength;
            if (declared.HasValue && declared.Value > limit)
            {
                throw new BodyTooLargeException(limit, declared);
            }

            using (Stream stream = await content.ReadAsStreamAsync(cancel).ConfigureAwait(false))
            using (MemoryStream copy = new MemoryStream())
            {
                byte[] buffer = new byte[81920];
                while (true)
                {
                    int read = await stream.ReadAsync(buffer.AsMemory(0, buffer.Length), cancel).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return copy.ToArray();
                    }

                    if (copy.Length + read > limit)
                    {
                        throw new BodyTooLargeException(limit, null);
                    }

                    copy.Write(buffer, 0, read);
                }
            }
        }
    }

    /// <summary>A body longer than the reader's limit; nothing past the limit was read.</summary>
    internal sealed class BodyTooLargeException : IOException
    {
        public BodyTooLargeException(long limit, long? declaredLength)
            : base(declaredLength.HasValue
                ? $"the body declares {declaredLength.Value} bytes, more than the {limit} bytes accepted"
                : $"the body is longer than the {limit} bytes accepted")
        {
            Limit = limit;
            DeclaredLength = declaredLength;
        }

        public long Limit { get; }

        public long? DeclaredLength { get; }
    }
}
