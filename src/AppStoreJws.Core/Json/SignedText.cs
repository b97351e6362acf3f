using AppStoreJws.Errors;

namespace AppStoreJws.Json
{
    /// <summary>
    /// The one check every string the module signs passes: it must be well-formed UTF-16. A lone surrogate has no
    /// UTF-8 form, so the encoder would sign U+FFFD in its place while the output object kept the original; the
    /// token would then not say what the caller asked for.
    /// </summary>
    internal static class SignedText
    {
        /// <summary>Refuses <paramref name="value"/> when it holds an unpaired surrogate, naming <paramref name="field"/> and the position.</summary>
        public static void RequireWellFormed(string field, string? value)
        {
            int position = FindUnpairedSurrogate(value);
            if (position >= 0)
            {
                throw new AppStoreJwsException(ErrorIds.UnpairedSurrogate, ErrorKind.InvalidArgument,
                    $"The {field} has an unpaired UTF-16 surrogate (U+{(int)value![position]:X4}) at position {position}: it is not text and has no UTF-8 form, " +
                    "so it cannot be signed. Remove it, or pass the whole character (both halves of the pair).");
            }
        }

        /// <summary>The index of the first unpaired surrogate, or -1.</summary>
        public static int FindUnpairedSurrogate(string? value)
        {
            if (value == null)
            {
                return -1;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
