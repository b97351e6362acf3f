using System.Text.Encodings.Web;

namespace AppStoreJws.Json
{
    /// <summary>
    /// The one setting for how the JSON the module signs or embeds escapes text. Apple's libraries and jose write
    /// JSON without escaping '+', '&lt;', '&gt;', '&amp;' or non-ASCII letters; System.Text.Json's default encoder would
    /// turn them into \u002B and the like, changing the bytes that are signed (and so any byte comparison with
    /// Apple's output), so every writer that produces signed or embedded JSON uses the relaxed encoder. It is safe
    /// here because the JSON is never embedded in HTML.
    /// </summary>
    internal static class SignedJsonEncoding
    {
        public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    }
}
