using System.Globalization;
using AppStoreJws.Errors;

namespace AppStoreJws.Receipts
{
    /// <summary>The receipt decoder's error ids, in one place: each is a receipt's own problem (InvalidData), never the run's.</summary>
    internal static class ReceiptErrors
    {
        public const string Empty = "ReceiptEmpty";
        public const string TooLarge = "ReceiptTooLarge";
        public const string NotBase64 = "ReceiptNotBase64";
        public const string IsSignedData = "ReceiptIsSignedData";
        public const string NotPkcs7 = "ReceiptNotPkcs7";
        public const string Truncated = "ReceiptTruncated";
        public const string Malformed = "ReceiptMalformed";
        public const string BadAttribute = "ReceiptBadAttribute";
        public const string BadTransactionReceipt = "ReceiptBadTransactionReceipt";

        public static AppStoreJwsException Of(string errorId, string message) =>
            new AppStoreJwsException(errorId, ErrorKind.InvalidData, message);

        public static string Size(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);
    }
}
