using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using AppStoreJws.Errors;

namespace AppStoreJws.Keys
{
    /// <summary>Rules for the key ID, issuer ID and bundle ID that App Store Connect hands out.</summary>
    internal static class AppStoreIdentifiers
    {
        private static readonly Regex KeyIdPattern = new Regex("^[A-Z0-9]{10}$", RegexOptions.CultureInvariant);
        private static readonly Regex KeyFileNamePattern = new Regex(
            "^(?:AuthKey|SubscriptionKey)_([A-Za-z0-9]+)(?: ?\\(\\d+\\))?\\.(?:p8|pem|p8\\.txt)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex ExcelNumberPattern = new Regex(
            "^[0-9](?:[.,][0-9]+)?E\\+?[0-9]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex DecimalNumberPattern = new Regex(
            "^([0-9]+)[.,][0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex UuidPattern = new Regex(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);

        public static bool IsKeyId(string? value) => value != null && KeyIdPattern.IsMatch(value);

        public static bool IsUuid(string? value) => value != null && UuidPattern.IsMatch(value);

        /// <summary>The key ID in an <c>AuthKey_XXXXXXXXXX.p8</c> or <c>SubscriptionKey_XXXXXXXXXX.p8</c> file name, or null.</summary>
        public static string? KeyIdFromFileName(string? path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return null;
            }

            Match match = KeyFileNamePattern.Match(Path.GetFileName(path));
            return match.Success ? match.Groups[1].Value : null;
        }

        /// <summary>
        /// Apple's transaction IDs (also original and app transaction IDs) are decimal digits. Spreadsheets turn a long
        /// digit column into a number and write it back as 2E+15, which is the likeliest non-digit value.
        /// </summary>
        public static void ValidateTransactionId(string claim, string value)
        {
            string? problem = TransactionIdProblem(claim, value);
            if (problem != null)
            {
                // One id for every kind of transaction ID (original, app): the rule and the fix are the same.
                throw new AppStoreJwsException(ErrorIds.TransactionIdNotDigits, ErrorKind.InvalidArgument, problem);
            }
        }

        /// <summary>
        /// Why the value is not a transaction ID, or null when it is one: 1 to 19 decimal digits whose value fits a
        /// signed 64-bit integer, the type Apple's servers and libraries keep transaction IDs in.
        /// </summary>
        internal static string? TransactionIdProblem(string name, string value)
        {
            const string Expected = "expected decimal digits only, 1 to 19 of them (the value must fit a signed 64-bit integer), such as 2000000123456789";
            foreach (char c in value)
            {
                if (c < '0' || c > '9')
                {
                    return $"The {name} '{value}' is not a transaction ID: {Expected}; found {DescribeNonDigits(value)}.";
                }
            }

            if (value.Length == 0 || value.Length > 19 || (value.Length == 19 && string.CompareOrdinal(value, long.MaxValue.ToString(CultureInfo.InvariantCulture)) > 0))
            {
                return $"The {name} '{value}' is not a transaction ID: {Expected}; found {(value.Length == 0 ? "an empty value" : value.Length + " digits" + (value.Length == 19 ? ", more than 9223372036854775807" : string.Empty))}.";
            }

            return null;
        }

        /// <summary>What a transaction ID with other characters than digits looks like, and how it likely got that way.</summary>
        private static string DescribeNonDigits(string value)
        {
            if (ExcelNumberPattern.IsMatch(value))
            {
                return "a number in scientific notation. It looks like a spreadsheet wrote the column as a number and lost its digits: " +
                    "format the column as Text before pasting the IDs (or export them again from the source), then save the CSV";
            }

            Match fraction = DecimalNumberPattern.Match(value);
            if (fraction.Success)
            {
                return $"a decimal number (the digits {fraction.Groups[1].Value} followed by '{value.Substring(fraction.Groups[1].Length)}'). " +
                    "A tool read the column as a number and wrote it back with a fraction: export the IDs as text";
            }

            if (value.Trim().Length != value.Length)
            {
                return "whitespace around the digits; remove it";
            }

            int index = 0;
            while (value[index] >= '0' && value[index] <= '9')
            {
                index++;
            }

            return $"the character '{value[index]}' at position {index + 1}";
        }

        /// <summary>
        /// The diagnosis when a key ID is a UUID: the one wording the key loader and the linters use, so that every
        /// place a swapped pair shows up says the same thing. <paramref name="subject"/> names the value, such as: kid "…".
        /// </summary>
        internal static string LooksSwappedUuidAsKeyId(string subject) =>
            $"{subject} is a UUID, which is the form of an issuer ID. The key ID and issuer ID look swapped: " +
            "the key ID is the 10-character ID of the key (as in AuthKey_<KEYID>.p8), the issuer ID is the UUID shown above the key list in App Store Connect.";

        /// <summary>The diagnosis when an issuer ID has the form of a key ID; see <see cref="LooksSwappedUuidAsKeyId"/>.</summary>
        internal static string LooksSwappedKeyIdAsIssuerId(string subject) =>
            $"{subject} has the form of a key ID (10 letters or digits). The key ID and issuer ID look swapped: " +
            "the issuer ID is a UUID such as 57246542-96fe-1a63-e053-0824d011072a, shown above the key list in App Store Connect.";

        public static string ValidateKeyId(string keyId)
        {
            if (IsKeyId(keyId))
            {
                return keyId;
            }

            if (IsUuid(keyId))
            {
                throw new AppStoreJwsException(ErrorIds.KeyIdAndIssuerIdSwapped, ErrorKind.InvalidArgument,
                    LooksSwappedUuidAsKeyId($"The key ID '{keyId}'"));
            }

            throw new AppStoreJwsException(ErrorIds.InvalidKeyId, ErrorKind.InvalidArgument,
                $"The key ID '{keyId}' is not valid: expected exactly 10 uppercase letters or digits, such as 2X9R4HXF34, found {Describe(keyId)}.");
        }

        public static string ValidateIssuerId(string issuerId)
        {
            if (IsUuid(issuerId))
            {
                return issuerId.ToLowerInvariant();
            }

            if (IsKeyId(issuerId))
            {
                throw new AppStoreJwsException(ErrorIds.KeyIdAndIssuerIdSwapped, ErrorKind.InvalidArgument,
                    LooksSwappedKeyIdAsIssuerId($"The issuer ID '{issuerId}'"));
            }

            throw new AppStoreJwsException(ErrorIds.InvalidIssuerId, ErrorKind.InvalidArgument,
                $"The issuer ID '{issuerId}' is not valid: expected a UUID such as 57246542-96fe-1a63-e053-0824d011072a, found {Describe(issuerId)}.");
        }

        public static string ValidateBundleId(string bundleId)
        {
            if (string.IsNullOrWhiteSpace(bundleId) || bundleId.Trim() != bundleId)
            {
                throw new AppStoreJwsException(ErrorIds.InvalidBundleId, ErrorKind.InvalidArgument,
                    $"The bundle ID '{bundleId}' is not valid: expected the app's bundle ID, such as com.example.app, without surrounding whitespace.");
            }

            return bundleId;
        }

        private static string Describe(string value) =>
            value.Length == 0 ? "an empty string" : $"{value.Length} characters";

        /// <summary>Refuses an empty or whitespace-padded identifier in a claim: the StoreKit tokens' and the legacy v1 signature's.</summary>
        internal static void RequireIdentifier(string claim, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new AppStoreJwsException(ErrorIds.Missing(claim), ErrorKind.InvalidArgument,
                    $"The {claim} claim is required and was {(value == null ? "not given" : "empty")}.");
            }

            if (char.IsWhiteSpace(value![0]) || char.IsWhiteSpace(value[value.Length - 1]))
            {
                throw new AppStoreJwsException(ErrorIds.HasWhitespace(claim), ErrorKind.InvalidArgument,
                    $"The {claim} '{value}' has leading or trailing whitespace; Apple compares identifiers exactly, so remove it.");
            }
        }
    }
}
