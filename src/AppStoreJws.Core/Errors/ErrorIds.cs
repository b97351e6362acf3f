namespace AppStoreJws.Errors
{
    /// <summary>
    /// Every error id the module raises, one constant each: scripts and tests match on these names, so they never change.
    /// docs/ErrorIds.md is the catalogue users read (a test keeps the two equal). Apple's numbered error codes are the
    /// other ids an App Store Server API call can end with: their names, in Pascal case, come from
    /// <c>ServerApi/Client/AppleErrorCodes.cs</c>, which the catalogue lists too.
    /// </summary>
    internal static class ErrorIds
    {
        // Keys: loading the private key
        /// <summary>-Path names no file.</summary>
        public const string KeyFileNotFound = nameof(KeyFileNotFound);
        /// <summary>A wildcard -Path matches no file.</summary>
        public const string KeyPathNoMatch = nameof(KeyPathNoMatch);
        /// <summary>-Path names a folder, not the key file inside it.</summary>
        public const string KeyPathIsDirectory = nameof(KeyPathIsDirectory);
        /// <summary>-Path is a link whose target does not exist.</summary>
        public const string KeyFileLinkBroken = nameof(KeyFileLinkBroken);
        /// <summary>-Path is a device, FIFO or socket.</summary>
        public const string KeyFileNotRegular = nameof(KeyFileNotRegular);
        /// <summary>The file exists but could not be opened or read (permissions, I/O error).</summary>
        public const string KeyFileUnreadable = nameof(KeyFileUnreadable);
        /// <summary>The file or text is empty.</summary>
        public const string KeyEmpty = nameof(KeyEmpty);
        /// <summary>The variable named by -EnvironmentVariable is not set.</summary>
        public const string KeyEnvironmentVariableNotSet = nameof(KeyEnvironmentVariableNotSet);
        /// <summary>The text is neither PEM nor base64 of a key.</summary>
        public const string KeyNotRecognized = nameof(KeyNotRecognized);
        /// <summary>The base64 or ASN.1 ends early, or the END line is missing.</summary>
        public const string KeyTruncated = nameof(KeyTruncated);
        /// <summary>The text holds more than one PEM key block.</summary>
        public const string KeyTextHoldsSeveralKeys = nameof(KeyTextHoldsSeveralKeys);
        /// <summary>An encrypted PKCS#8 key.</summary>
        public const string KeyIsEncrypted = nameof(KeyIsEncrypted);
        /// <summary>A public key where the private key is needed.</summary>
        public const string KeyIsPublicKey = nameof(KeyIsPublicKey);
        /// <summary>A certificate where the private key is needed.</summary>
        public const string KeyIsCertificate = nameof(KeyIsCertificate);
        /// <summary>An RSA, Ed25519 or other non-EC key.</summary>
        public const string KeyWrongAlgorithm = nameof(KeyWrongAlgorithm);
        /// <summary>An EC key on P-384, P-521 or another curve.</summary>
        public const string KeyWrongCurve = nameof(KeyWrongCurve);
        /// <summary>The private scalar is not a valid P-256 key.</summary>
        public const string KeyInvalidScalar = nameof(KeyInvalidScalar);
        /// <summary>The embedded public key belongs to another private key (a damaged file).</summary>
        public const string KeyPublicPointMismatch = nameof(KeyPublicPointMismatch);
        /// <summary>No -KeyId and no AuthKey_&lt;KEYID&gt;.p8 file name.</summary>
        public const string KeyIdMissing = nameof(KeyIdMissing);
        /// <summary>A team key loaded without -IssuerId (use -IndividualKey for an individual key).</summary>
        public const string IssuerIdMissing = nameof(IssuerIdMissing);
        /// <summary>The key ID looks like a UUID or the issuer ID like a key ID.</summary>
        public const string KeyIdAndIssuerIdSwapped = nameof(KeyIdAndIssuerIdSwapped);
        /// <summary>-KeyId, -IssuerId or -BundleId has the wrong form.</summary>
        public const string InvalidKeyId = nameof(InvalidKeyId);
        /// <summary>The issuer ID is not a UUID.</summary>
        public const string InvalidIssuerId = nameof(InvalidIssuerId);
        /// <summary>Key text (or a line of it) was given to -Path, -LiteralPath, -KeyId, -IssuerId or -BundleId, piped or from a row.</summary>
        public const string KeyTextInParameter = nameof(KeyTextInParameter);
        /// <summary>The file (or a link, even a dangling one) exists and -Force was not given, or the name is a folder.</summary>
        public const string TestKeyFileExists = nameof(TestKeyFileExists);
        /// <summary>The folder cannot hold the file.</summary>
        public const string TestKeyFileNotWritten = nameof(TestKeyFileNotWritten);

        // Keys: the verifying key
        /// <summary>-PublicKey is empty.</summary>
        public const string PublicKeyEmpty = nameof(PublicKeyEmpty);
        /// <summary>-PublicKey is neither SubjectPublicKeyInfo PEM, its base64, nor a JWK (also.</summary>
        public const string PublicKeyNotRecognized = nameof(PublicKeyNotRecognized);
        /// <summary>-PublicKey holds a private key (PEM or a JWK with d).</summary>
        public const string PublicKeyIsPrivateKey = nameof(PublicKeyIsPrivateKey);
        /// <summary>An RSA or other non-EC public key.</summary>
        public const string PublicKeyWrongAlgorithm = nameof(PublicKeyWrongAlgorithm);
        /// <summary>An EC public key on P-384, P-521 or another curve.</summary>
        public const string PublicKeyWrongCurve = nameof(PublicKeyWrongCurve);
        /// <summary>The public point is not on P-256.</summary>
        public const string PublicKeyInvalidPoint = nameof(PublicKeyInvalidPoint);

        // Signing: the run's parameters and a row's values
        /// <summary>Neither -BundleId, the rows nor the key has a bundle ID (a row's empty cell when other rows have one.</summary>
        public const string BundleIdMissing = nameof(BundleIdMissing);
        /// <summary>The bundle ID has surrounding whitespace or is not a bundle ID.</summary>
        public const string InvalidBundleId = nameof(InvalidBundleId);
        /// <summary>-ClockSkew is negative or over 10 minutes.</summary>
        public const string InvalidClockSkew = nameof(InvalidClockSkew);
        /// <summary>-IssuedAt (less -ClockSkew) is before 2000 or more than 10 minutes ahead of the clock.</summary>
        public const string InvalidIssuedAt = nameof(InvalidIssuedAt);
        /// <summary>-Lifetime is under 1 second.</summary>
        public const string InvalidLifetime = nameof(InvalidLifetime);
        /// <summary>-Lifetime is over 20 minutes.</summary>
        public const string LifetimeTooLong = nameof(LifetimeTooLong);
        /// <summary>A -Scope entry is not "METHOD /path".</summary>
        public const string InvalidScope = nameof(InvalidScope);
        /// <summary>-Nonce is not a UUID.</summary>
        public const string InvalidNonce = nameof(InvalidNonce);
        /// <summary>-Timestamp is zero, negative, beyond the year 9999 (microseconds or nanoseconds), or text that is not a time.</summary>
        public const string InvalidTimestamp = nameof(InvalidTimestamp);
        /// <summary>-Timestamp is below 10^11.</summary>
        public const string TimestampInSeconds = nameof(TimestampInSeconds);
        /// <summary>A value contains U+2063 itself, which would make the message ambiguous.</summary>
        public const string SeparatorInField = nameof(SeparatorInField);
        /// <summary>A value holds half of a UTF-16 surrogate pair, which has no UTF-8 form and would be signed as U+FFFD.</summary>
        public const string UnpairedSurrogate = nameof(UnpairedSurrogate);
        /// <summary>The token would be longer than the 256 KB Test-AppStoreJws accepts (a value far longer than any identifier).</summary>
        public const string JwsTooLarge = nameof(JwsTooLarge);
        /// <summary>The value is missing, empty or blank.</summary>
        public const string ProductIdMissing = nameof(ProductIdMissing);
        /// <summary>The product ID has leading or trailing whitespace.</summary>
        public const string ProductIdHasWhitespace = nameof(ProductIdHasWhitespace);
        /// <summary>A row (or the command line) gives no offer identifier.</summary>
        public const string OfferIdentifierMissing = nameof(OfferIdentifierMissing);
        /// <summary>The offer identifier has leading or trailing whitespace.</summary>
        public const string OfferIdentifierHasWhitespace = nameof(OfferIdentifierHasWhitespace);
        /// <summary>A row (or the command line) gives no transaction ID.</summary>
        public const string TransactionIdMissing = nameof(TransactionIdMissing);
        /// <summary>The transaction ID has leading or trailing whitespace.</summary>
        public const string TransactionIdHasWhitespace = nameof(TransactionIdHasWhitespace);
        /// <summary>A row (or the command line) does not say whether the introductory offer is allowed.</summary>
        public const string AllowIntroductoryOfferMissing = nameof(AllowIntroductoryOfferMissing);
        /// <summary>The flag is not one of the accepted spellings (maybe, 2).</summary>
        public const string AllowIntroductoryOfferNotBoolean = nameof(AllowIntroductoryOfferNotBoolean);
        /// <summary>No bundle ID or key ID is known for the message.</summary>
        public const string SignedValueMissing = nameof(SignedValueMissing);

        // Advanced Commerce requests
        /// <summary>The request breaks Apple's rules.</summary>
        public const string InvalidAdvancedCommerceRequest = nameof(InvalidAdvancedCommerceRequest);
        /// <summary>The request names no operation.</summary>
        public const string MissingOperation = nameof(MissingOperation);
        /// <summary>The operation is not one of the four, or is absent.</summary>
        public const string UnknownOperation = nameof(UnknownOperation);
        /// <summary>A server-to-server operation, which this in-app token cannot carry.</summary>
        public const string ServerOnlyOperation = nameof(ServerOnlyOperation);
        /// <summary>A -Body value has no JSON form (NaN, infinity, an object type JSON cannot hold), or a property getter of a live object threw.</summary>
        public const string InvalidJsonValue = nameof(InvalidJsonValue);
        /// <summary>The request holds more than 100,000 values counted as a tree (hashtables shared or referring to themselves), or its JSON is longer than a token …</summary>
        public const string RequestTooLarge = nameof(RequestTooLarge);

        // Reading tokens
        /// <summary>-Audience is not one of the four audiences.</summary>
        public const string InvalidAudience = nameof(InvalidAudience);
        /// <summary>-ClockTolerance is negative or more than 10 minutes.</summary>
        public const string InvalidClockTolerance = nameof(InvalidClockTolerance);

        // Verifying what Apple signs
        /// <summary>Not a compact JWS with a JSON header and payload (the message is the one ConvertFrom-AppStoreJws gives), a member name twice or twice in different …</summary>
        public const string MalformedSignedData = nameof(MalformedSignedData);
        /// <summary>x5c is missing or does not hold exactly three certificates (Xcode data has one.</summary>
        public const string InvalidChainLength = nameof(InvalidChainLength);
        /// <summary>A certificate in x5c is not canonical base64 of a DER X.509 certificate of at most 16 KB whose parts and key read (a PKCS#12 container, an unknown …</summary>
        public const string InvalidCertificate = nameof(InvalidCertificate);
        /// <summary>The intermediate was not issued by a trusted root (the message names the trusted roots and the root the data carried).</summary>
        public const string InvalidChain = nameof(InvalidChain);
        /// <summary>alg is not ES256, the signature is not 64 bytes (r‖s), or it does not verify with the leaf's key.</summary>
        public const string InvalidSignature = nameof(InvalidSignature);
        /// <summary>bundleId is not -BundleId, or appAppleId is not -AppAppleId.</summary>
        public const string InvalidAppIdentifier = nameof(InvalidAppIdentifier);
        /// <summary>environment is not -Environment.</summary>
        public const string InvalidEnvironment = nameof(InvalidEnvironment);
        /// <summary>Online.</summary>
        public const string RevocationCheckFailed = nameof(RevocationCheckFailed);
        /// <summary>Online.</summary>
        public const string Revoked = nameof(Revoked);
        /// <summary>-Environment Production without -BundleId.</summary>
        public const string BundleIdRequired = nameof(BundleIdRequired);
        /// <summary>-Environment Production without -AppAppleId.</summary>
        public const string AppAppleIdRequired = nameof(AppAppleIdRequired);
        /// <summary>The app's Apple ID is not a positive number.</summary>
        public const string AppAppleIdInvalid = nameof(AppAppleIdInvalid);
        /// <summary>The verifier was given an environment Apple does not name (the cmdlets' -Environment refuses one before the verifier sees it).</summary>
        public const string EnvironmentUnknown = nameof(EnvironmentUnknown);
        /// <summary>The verifier was given a zero or negative OCSP timeout (the cmdlets' -OcspTimeoutSec refuses one before the verifier sees it).</summary>
        public const string OcspTimeoutInvalid = nameof(OcspTimeoutInvalid);
        /// <summary>The verifier was given an empty list of trusted roots.</summary>
        public const string TrustedRootMissing = nameof(TrustedRootMissing);
        /// <summary>A -TrustedRoot file cannot be read.</summary>
        public const string TrustedRootNotFound = nameof(TrustedRootNotFound);
        /// <summary>A -TrustedRoot file or value is not a certificate.</summary>
        public const string TrustedRootInvalid = nameof(TrustedRootInvalid);
        /// <summary>A -TrustedRoot path names a PowerShell drive that does not exist (a .</summary>
        public const string InvalidPath = nameof(InvalidPath);

        // Receipts
        /// <summary>The receipt is empty or blank (an empty CSV cell).</summary>
        public const string ReceiptEmpty = nameof(ReceiptEmpty);
        /// <summary>A receipt file does not exist or cannot be read.</summary>
        public const string ReceiptFileNotReadable = nameof(ReceiptFileNotReadable);
        /// <summary>No file matches a -Path wildcard (use -LiteralPath for a name that holds [ or *).</summary>
        public const string ReceiptPathNoMatch = nameof(ReceiptPathNoMatch);
        /// <summary>The text is not base64 (the message names the first character that is not).</summary>
        public const string ReceiptNotBase64 = nameof(ReceiptNotBase64);
        /// <summary>The bytes are neither PKCS#7 signed data nor a transaction receipt's text (the message names the first byte or the content type).</summary>
        public const string ReceiptNotPkcs7 = nameof(ReceiptNotPkcs7);
        /// <summary>The text is a JWS.</summary>
        public const string ReceiptIsSignedData = nameof(ReceiptIsSignedData);
        /// <summary>Text over 24 MiB characters, or a file or decoded receipt over 16 MiB.</summary>
        public const string ReceiptTooLarge = nameof(ReceiptTooLarge);
        /// <summary>The receipt ends inside an element whose length says there is more.</summary>
        public const string ReceiptTruncated = nameof(ReceiptTruncated);
        /// <summary>The encoding is broken (a length that runs past its container, nesting deeper than 32, bytes after the end), or the PKCS#7 structure or the …</summary>
        public const string ReceiptMalformed = nameof(ReceiptMalformed);
        /// <summary>An attribute of the receipt set is not SEQUENCE { type, version, value }, or a field holds the wrong type (a product ID that is an INTEGER) or a …</summary>
        public const string ReceiptBadAttribute = nameof(ReceiptBadAttribute);
        /// <summary>A transaction receipt whose text is not an old-style plist dictionary, has no purchase-info, or holds a field the module reads in a form it cannot …</summary>
        public const string ReceiptBadTransactionReceipt = nameof(ReceiptBadTransactionReceipt);
        /// <summary>A receipt piped from ConvertFrom-AppStoreReceipt holds no purchase, so nothing to look up (a receipt with purchases is looked up by each of its …</summary>
        public const string ReceiptHasNoTransactionId = nameof(ReceiptHasNoTransactionId);

        // The App Store Server API
        /// <summary>-BaseUri (or -SandboxBaseUri) is not an absolute http or https URL.</summary>
        public const string InvalidBaseUri = nameof(InvalidBaseUri);
        /// <summary>-BaseUri is plain http to a host that is not a loopback address (terminating).</summary>
        public const string InsecureBaseUri = nameof(InsecureBaseUri);
        /// <summary>-FallbackToSandbox with -BaseUri but no -SandboxBaseUri (terminating).</summary>
        public const string SandboxBaseUriMissing = nameof(SandboxBaseUriMissing);
        /// <summary>-Path could leave the base URL (//host, a backslash, a scheme, .</summary>
        public const string UnsafeServerApiPath = nameof(UnsafeServerApiPath);
        /// <summary>The transaction ID is not 1 to 19 decimal digits that fit a signed 64-bit integer (abc, -5, 26 digits, 2000000123456789.0, or 2E+15, which is what …</summary>
        public const string TransactionIdNotDigits = nameof(TransactionIdNotDigits);
        /// <summary>-StartDate is after -EndDate (terminating).</summary>
        public const string StartDateAfterEndDate = nameof(StartDateAfterEndDate);
        /// <summary>A start after the end or more than 180 days back, a subtype without its type, or both a type and a transaction ID (terminating).</summary>
        public const string InvalidNotificationHistoryFilter = nameof(InvalidNotificationHistoryFilter);
        /// <summary>Apple answered status 1.</summary>
        public const string InvalidOrderId = nameof(InvalidOrderId);
        /// <summary>HTTP 401.</summary>
        public const string Unauthorized = nameof(Unauthorized);
        /// <summary>HTTP 429 (Apple's 4290000) after the retries, or a Retry-After beyond -MaximumRateLimitWaitSec.</summary>
        public const string RateLimitExceeded = nameof(RateLimitExceeded);
        /// <summary>An error answer without Apple's error code (a proxy, a gateway). Followed by the HTTP status: HttpStatus502.</summary>
        public const string HttpStatus = nameof(HttpStatus);
        /// <summary>Apple answered with an error code this module does not know. Followed by the code.</summary>
        public const string AppStoreServerApiError = nameof(AppStoreServerApiError);
        /// <summary>The server answered a 3xx.</summary>
        public const string ServerApiRedirect = nameof(ServerApiRedirect);
        /// <summary>No answer within -TimeoutSec.</summary>
        public const string ServerApiTimeout = nameof(ServerApiTimeout);
        /// <summary>The server could not be reached (DNS, TLS, connection refused).</summary>
        public const string ServerApiUnreachable = nameof(ServerApiUnreachable);
        /// <summary>The answer was over 16 MiB (after decompression.</summary>
        public const string ServerApiResponseTooLarge = nameof(ServerApiResponseTooLarge);
        /// <summary>A 2xx answer that is not JSON this module can read (an HTML page, a member with an empty name, more than 100,000 values).</summary>
        public const string MalformedServerApiResponse = nameof(MalformedServerApiResponse);
        /// <summary>The answer is a correctly signed transaction, but not the one asked for (its transactionId differs).</summary>
        public const string ServerApiAnswerMismatch = nameof(ServerApiAnswerMismatch);
        /// <summary>The answer's unsigned status, bundleId, environment, group or original transaction ID contradicts the signed transaction or renewal info beside it …</summary>
        public const string UnsignedFieldContradicted = nameof(UnsignedFieldContradicted);
        /// <summary>-Wait.</summary>
        public const string TestNotificationWaitTimeout = nameof(TestNotificationWaitTimeout);

        // Retention Messaging and bodies that are not JSON
        /// <summary>-ContentType of Invoke-AppStoreServerApi is not a media type.</summary>
        public const string InvalidContentType = nameof(InvalidContentType);
        /// <summary>-InFile of Invoke-AppStoreServerApi cannot be read or is too large.</summary>
        public const string InvalidInFile = nameof(InvalidInFile);
        /// <summary>The image file of Set-AppStoreRetentionImage is missing or unreadable, or -Path matches none or several.</summary>
        public const string RetentionImageNotFound = nameof(RetentionImageNotFound);
        /// <summary>The image file is not a whole PNG.</summary>
        public const string RetentionImageNotPng = nameof(RetentionImageNotPng);
        /// <summary>The PNG's width and height are not a size Apple accepts.</summary>
        public const string RetentionImageSizeRefused = nameof(RetentionImageSizeRefused);
        /// <summary>A retention message breaks Apple's documented limits (every problem in one message).</summary>
        public const string InvalidRetentionMessage = nameof(InvalidRetentionMessage);
        /// <summary>-Locale is empty.</summary>
        public const string LocaleMissing = nameof(LocaleMissing);
        /// <summary>-Locale has whitespace around it.</summary>
        public const string LocaleHasWhitespace = nameof(LocaleHasWhitespace);
        /// <summary>A locale Apple knows, spelled in another case or with an underscore.</summary>
        public const string LocaleMisspelled = nameof(LocaleMisspelled);
        /// <summary>-Url is not an absolute http(s) URL with a host.</summary>
        public const string RealtimeUrlInvalid = nameof(RealtimeUrlInvalid);
        /// <summary>-Url is not https.</summary>
        public const string RealtimeUrlNotHttps = nameof(RealtimeUrlNotHttps);
        /// <summary>-Wait of Get-AppStoreRetentionPerformanceTestResult saw no final result in time.</summary>
        public const string PerformanceTestWaitTimeout = nameof(PerformanceTestWaitTimeout);
        /// <summary>-BillingPlanType is not one of Apple's.</summary>
        public const string BillingPlanTypeUnknown = nameof(BillingPlanTypeUnknown);
        /// <summary>A V2 offer in a real-time answer without the request's original transaction ID.</summary>
        public const string OriginalTransactionIdMissing = nameof(OriginalTransactionIdMissing);
        /// <summary>-AdvancedCommerceData is not the base64 of a JSON object.</summary>
        public const string AdvancedCommerceDataInvalid = nameof(AdvancedCommerceDataInvalid);
        /// <summary>-AppAccountToken without -LegacySignature in a real-time answer.</summary>
        public const string AppAccountTokenWithoutLegacySignature = nameof(AppAccountTokenWithoutLegacySignature);

        /// <summary>The id of a required value that a row or the command line does not give (the parameter's or claim's name).</summary>
        public static string Missing(string name) => Pick(name, ProductIdMissing, OfferIdentifierMissing, TransactionIdMissing, AllowIntroductoryOfferMissing, LocaleMissing);

        /// <summary>The id of an identifier with whitespace around it (the claim's name).</summary>
        public static string HasWhitespace(string name) => Pick(name, ProductIdHasWhitespace, OfferIdentifierHasWhitespace, TransactionIdHasWhitespace, null, LocaleHasWhitespace);

        /// <summary>The id of a flag that is not a boolean (the parameter's name).</summary>
        public static string NotBoolean(string name) => Pick(name, null, null, null, AllowIntroductoryOfferNotBoolean, null);

        // The names come from the module's own parameters and claims, never from input: another name is a defect here.
        private static string Pick(string name, string? productId, string? offerIdentifier, string? transactionId, string? allowIntroductoryOffer, string? locale)
        {
            string? id = name.ToUpperInvariant() switch
            {
                "PRODUCTID" => productId,
                "OFFERIDENTIFIER" => offerIdentifier,
                "TRANSACTIONID" => transactionId,
                "ALLOWINTRODUCTORYOFFER" => allowIntroductoryOffer,
                "LOCALE" => locale,
                _ => null,
            };
            return id ?? throw new System.ArgumentOutOfRangeException(nameof(name), name, "No error id is defined for this name.");
        }
    }
}
