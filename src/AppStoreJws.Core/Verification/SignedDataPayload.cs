using System;
using System.Collections.Specialized;

namespace AppStoreJws.Verification
{
    /// <summary>
    /// A payload Apple signed, verified and decoded: every field under Apple's name, Unix-millisecond dates as
    /// <see cref="DateTimeOffset"/>, unknown fields kept. In a notification, the nested signed fields are verified
    /// too and their decoded payloads sit next to them (<c>data.Transaction</c>, <c>data.RenewalInfo</c>,
    /// <c>appData.AppTransaction</c>), each a <see cref="SignedDataPayload"/>.
    /// </summary>
    public sealed class SignedDataPayload
    {
        /// <summary>The names under which a notification's decoded nested payloads are added, next to the signed field.</summary>
        public const string TransactionField = "Transaction";

        public const string RenewalInfoField = "RenewalInfo";

        public const string AppTransactionField = "AppTransaction";

        internal SignedDataPayload(SignedDataKind kind, OrderedDictionary fields, OrderedDictionary header, string signedData, string payloadJson, bool isVerified, DateTimeOffset effectiveDate)
        {
            DataKind = kind;
            Fields = fields;
            Header = header;
            SignedData = signedData;
            PayloadJson = payloadJson;
            IsVerified = isVerified;
            EffectiveDate = effectiveDate;
        }

        /// <summary>What the data is (Transaction, RenewalInfo, Notification...), by name.</summary>
        public string Kind => DataKind.ToString();

        internal SignedDataKind DataKind { get; }

        /// <summary>The payload's fields in their order, converted (dates, nested payloads); nested objects are ordered dictionaries too.</summary>
        public OrderedDictionary Fields { get; }

        /// <summary>The JWS header (alg, x5c, and kid for Xcode data).</summary>
        public OrderedDictionary Header { get; }

        /// <summary>The compact JWS as given.</summary>
        public string SignedData { get; }

        /// <summary>The payload exactly as signed.</summary>
        public string PayloadJson { get; }

        /// <summary>False only for Xcode and LocalTesting data decoded without a chain check because that environment was expected.</summary>
        public bool IsVerified { get; }

        /// <summary>The time the certificates were checked at (signedDate, receiptCreationDate, the given date, or now).</summary>
        public DateTimeOffset EffectiveDate { get; }

        public override string ToString() => SignedData;
    }
}
