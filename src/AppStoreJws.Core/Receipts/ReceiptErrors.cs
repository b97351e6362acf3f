using System.Globalization;
using AppStoreJws.Errors;

namespace AppStoreJws.Receipts
{
    /// <summary>The receipt decoder's error ids, in one place: each is a receipt's own problem (InvalidData), never the run's.</summary>
    internal static class ReceiptErrors
    {
        public const string Empty = ErrorIds.ReceiptEmpty;
        public const string TooLarge = ErrorIds.ReceiptTooLarge;
        public const string NotBase64 = ErrorIds.ReceiptNotBase64;
        public const string IsSignedData = ErrorIds.ReceiptIsSignedData;
        public const string NotPkcs7 = ErrorIds.ReceiptNotPkcs7;
        public const string Truncated = ErrorIds.ReceiptTruncated;
        public const string Malformed = ErrorIds.ReceiptMalformed;
        public const string BadAttribute = ErrorIds.ReceiptBadAttribute;
        public const string BadTransactionReceipt = ErrorIds.ReceiptBadTransactionReceipt;

        public static AppStoreJwsException Of(string errorId, string message) =>
            new AppStoreJwsException(errorId, ErrorKind.InvalidData, message);

        public static string Size(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);
    }
}
