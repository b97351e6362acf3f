using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using AppStoreJws.Errors;

namespace AppStoreJws.Receipts
{
    /// <summary>
    /// Reads a legacy transaction receipt (SKPaymentTransaction.transactionReceipt): an old-style plist dictionary,
    /// { "purchase-info" = "&lt;base64&gt;"; "signature" = "…"; … }, whose purchase-info is the base64 of another such
    /// dictionary, the purchase ("transaction-id", "original-transaction-id", "product-id", "purchase-date-ms", …).
    /// </summary>
    internal static class LegacyReceiptReader
    {
        private const string PurchaseInfo = "purchase-info";

        public static AppStoreReceipt ReadText(ReadOnlySpan<char> text)
        {
            OrderedDictionary outer = PlistDictionary.Parse(text, "the transaction receipt");
            if (!(outer[PurchaseInfo] is string encodedPurchase))
            {
                throw ReceiptErrors.Of(ReceiptErrors.BadTransactionReceipt,
                    $"The transaction receipt holds no \"{PurchaseInfo}\" (its fields: {Names(outer)}); expected the text of SKPaymentTransaction.transactionReceipt.");
            }

            byte[]? purchaseBytes = Keys.Base64Text.DecodeLeniently(encodedPurchase);
            if (purchaseBytes == null)
            {
                throw ReceiptErrors.Of(ReceiptErrors.BadTransactionReceipt, $"The transaction receipt's \"{PurchaseInfo}\" is not base64.");
            }

            OrderedDictionary fields = PlistDictionary.Parse(new UTF8Encoding(false, false).GetString(purchaseBytes).AsSpan().Trim(), $"the transaction receipt's \"{PurchaseInfo}\"");
            AppStoreReceiptPurchase purchase = new AppStoreReceiptPurchase
            {
                TransactionId = Field(fields, "transaction-id"),
                OriginalTransactionId = Field(fields, "original-transaction-id"),
                ProductId = Field(fields, "product-id"),
                Quantity = Integer(fields, "quantity"),
                PurchaseDate = Date(fields, "purchase-date"),
                OriginalPurchaseDate = Date(fields, "original-purchase-date"),
                ExpiresDate = Date(fields, "expires-date"),
                CancellationDate = Date(fields, "cancellation-date"),
                WebOrderLineItemId = Field(fields, "web-order-line-item-id"),
                IsTrialPeriod = Flag(fields, "is-trial-period"),
                IsInIntroOfferPeriod = Flag(fields, "is-in-intro-offer-period"),
            };

            OrderedDictionary all = new OrderedDictionary(StringComparer.Ordinal);
            foreach (System.Collections.DictionaryEntry entry in outer)
            {
                if (!PurchaseInfo.Equals(entry.Key))
                {
                    all[entry.Key] = entry.Value;
                }
            }

            foreach (System.Collections.DictionaryEntry entry in fields)
            {
                all[entry.Key] = entry.Value;
            }

            return new AppStoreReceipt(ReceiptKind.Transaction, AppleTransactionId(purchase.TransactionId), new[] { purchase })
            {
                BundleId = Field(fields, "bid"),
                ApplicationVersion = Field(fields, "bvrs"),
                ReceiptType = Field(outer, "environment"),
                TextFields = all,
                Length = text.Length,
            };
        }

        /// <summary>
        /// Apple's utility takes a transaction-id made of base64 characters only (its pattern is [a-zA-Z0-9+/=]+), and
        /// returns null for any other; transaction IDs are digits, so this only decides for a damaged receipt.
        /// </summary>
        private static string? AppleTransactionId(string? id)
        {
            if (string.IsNullOrEmpty(id))
            {
                return null;
            }

            foreach (char c in id!)
            {
                if (!Keys.Base64Text.IsStandardCharacter(c))
                {
                    return null;
                }
            }

            return id;
        }

        private static string? Field(OrderedDictionary fields, string name) => fields[name] as string;

        private static int? Integer(OrderedDictionary fields, string name)
        {
            string? text = Field(fields, name);
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : throw Bad(name, text!, "a whole number");
        }

        private static bool? Flag(OrderedDictionary fields, string name)
        {
            string? text = Field(fields, name);
            switch (text)
            {
                case null: case "": return null;
                case "true": case "1": return true;
                case "false": case "0": return false;
                default: throw Bad(name, text, "true or false");
            }
        }

        /// <summary>A date from "&lt;name&gt;-ms" (Unix milliseconds), else from "&lt;name&gt;": milliseconds too, or "2013-03-05 23:09:05 Etc/GMT".</summary>
        private static DateTimeOffset? Date(OrderedDictionary fields, string name)
        {
            string? text = Field(fields, name + "-ms");
            string used = name + "-ms";
            if (string.IsNullOrEmpty(text))
            {
                text = Field(fields, name);
                used = name;
            }

            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds)
                && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            }

            string trimmed = text!.EndsWith(" Etc/GMT", StringComparison.Ordinal) ? text.Substring(0, text.Length - 8) : text;
            if (DateTimeOffset.TryParseExact(trimmed, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset date))
            {
                return date;
            }

            throw Bad(used, text, "Unix milliseconds or a date such as 2013-03-05 23:09:05 Etc/GMT");
        }

        private static string Names(OrderedDictionary fields)
        {
            List<string> names = new List<string>();
            foreach (object key in fields.Keys)
            {
                names.Add("\"" + Errors.UntrustedText.Quote((string)key, 40) + "\"");
            }

            return names.Count == 0 ? "none" : string.Join(", ", names);
        }

        private static AppStoreJwsException Bad(string name, string found, string expected) =>
            ReceiptErrors.Of(ReceiptErrors.BadTransactionReceipt,
                $"The transaction receipt's \"{name}\" is '{Errors.UntrustedText.Quote(found, 40)}'; expected {expected}.");
    }
}
