using System;
using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using AppStoreJws.Errors;
using AppStoreJws.Http;
using AppStoreJws.Keys;

namespace AppStoreJws.Verification
{
    /// <summary>The answer about one certificate: good, or the error id and message of why not.</summary>
    internal sealed class RevocationStatus
    {
        public RevocationStatus(string? errorId, string message)
        {
            ErrorId = errorId;
            Message = message;
        }

        public string? ErrorId { get; }

        public string Message { get; }

        public bool IsGood => ErrorId == null;
    }

    /// <summary>
    /// OCSP (RFC 6960) for one certificate at the responder its Authority Information Access names: a SHA-256
    /// CertID request POSTed as application/ocsp-request, a response whose signature must verify with the issuer
    /// or a responder certificate the issuer delegated (id-kp-OCSPSigning), and a fresh answer for our CertID.
    /// Network failures are retryable (RevocationCheckFailed), distinct from Revoked.
    /// </summary>
    internal static class OcspChecker
    {
        /// <summary>How long a responder that could not be reached is not asked again: the payloads after it fail at once instead of each waiting for the timeout.</summary>
        public static readonly TimeSpan FailureMemoryTime = TimeSpan.FromMinutes(1);

        /// <summary>The most bytes of an OCSP answer read: real ones are 1 to 3 KB; the rest of a longer body is never read.</summary>
        public const int MaximumResponseBytes = 64 * 1024;

        // Redirects are not followed: an answer comes from the responder the certificate names, or from nowhere.
        private static readonly HttpClient Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };

        private static readonly ConcurrentDictionary<string, (DateTime Until, RevocationStatus Status)> RecentFailures =
            new ConcurrentDictionary<string, (DateTime Until, RevocationStatus Status)>(StringComparer.Ordinal);

        private static readonly string[] ResponseStatusNames = { "successful", "malformedRequest", "internalError", "tryLater", "4", "sigRequired", "unauthorized" };

        public static RevocationStatus Check(X509Certificate2 certificate, X509Certificate2 issuer, string role, TimeSpan timeout, CancellationToken cancellation = default)
        {
            string? url = CertificateFacts.OcspResponder(certificate);
            if (url == null)
            {
                return new RevocationStatus(ErrorIds.InvalidCertificate, $"The {role} {CertificateFacts.Describe(certificate)} names no OCSP responder (Authority Information Access), so its revocation cannot be checked.");
            }

            string shown = UntrustedText.Quote(url);
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? responder) || (responder.Scheme != Uri.UriSchemeHttp && responder.Scheme != Uri.UriSchemeHttps)
                || string.IsNullOrEmpty(responder.Host) || !string.IsNullOrEmpty(responder.UserInfo))
            {
                return new RevocationStatus(ErrorIds.InvalidCertificate, $"The {role} {CertificateFacts.Describe(certificate)} names the OCSP responder '{shown}', which is not an http or https URL; only those are asked.");
            }

            string key = role + " " + responder.AbsoluteUri;
            if (RecentFailures.TryGetValue(key, out (DateTime Until, RevocationStatus Status) remembered) && remembered.Until > DateTime.UtcNow)
            {
                return remembered.Status;
            }

            RevocationStatus status = Ask(responder, shown, certificate, issuer, role, timeout, cancellation);
            if (status.ErrorId == ErrorIds.RevocationCheckFailed && !cancellation.IsCancellationRequested)
            {
                DateTime until = DateTime.UtcNow + FailureMemoryTime;
                RecentFailures[key] = (until, Retryable($"{status.Message.TrimEnd('.')} (remembered until {CertificateFacts.Iso(new DateTimeOffset(until))}; not asked again before)."));
            }

            return status;
        }

        private static RevocationStatus Ask(Uri responder, string shown, X509Certificate2 certificate, X509Certificate2 issuer, string role, TimeSpan timeout, CancellationToken cancellation)
        {
            byte[] request;
            try
            {
                request = BuildRequest(certificate, issuer);
            }
            catch (Exception e) when (ChainEvaluation.IsCertificateFailure(e))
            {
                return new RevocationStatus(ErrorIds.InvalidCertificate, $"The {role} {CertificateFacts.Describe(certificate)} cannot be named in an OCSP request ({UntrustedText.Quote(e.Message.TrimEnd('.'))}).");
            }

            byte[] body;
            try
            {
                using (CancellationTokenSource cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
                using (ByteArrayContent content = new ByteArrayContent(request))
                {
                    cancel.CancelAfter(timeout);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
                    using (HttpResponseMessage response = Http.PostAsync(responder, content, cancel.Token).ConfigureAwait(false).GetAwaiter().GetResult())
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            string moved = (int)response.StatusCode >= 300 && (int)response.StatusCode < 400 ? " (a redirect, which is not followed)" : string.Empty;
                            return Retryable($"The OCSP responder {shown} for the {role} answered HTTP {(int)response.StatusCode} {UntrustedText.Quote(response.ReasonPhrase, 60)}{moved}; try again later.");
                        }

                        body = BoundedContent.ReadAsync(response.Content, MaximumResponseBytes, cancel.Token).ConfigureAwait(false).GetAwaiter().GetResult();
                    }
                }
            }
            catch (BodyTooLargeException e)
            {
                return Retryable($"The OCSP responder {shown} for the {role} sent an answer too large to be OCSP ({e.Message}); try again later.");
            }
            catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException || e is System.IO.IOException)
            {
                string cause = cancellation.IsCancellationRequested ? "the check was stopped" : e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} seconds" : UntrustedText.Quote(e.GetBaseException().Message);
                return Retryable($"The OCSP responder {shown} for the {role} could not be reached ({cause}); try again later.");
            }

            try
            {
                return ReadResponse(body, certificate, issuer, role, shown);
            }
            catch (Exception e) when (ChainEvaluation.IsCertificateFailure(e) || e is IndexOutOfRangeException)
            {
                return Retryable($"The OCSP responder {shown} for the {role} sent a response that is not OCSP DER ({UntrustedText.Quote(e.Message.TrimEnd('.'))}); try again later.");
            }
        }

        internal static byte[] BuildRequest(X509Certificate2 certificate, X509Certificate2 issuer)
        {
            AsnWriter writer = new AsnWriter(AsnEncodingRules.DER);
            writer.PushSequence(); // OCSPRequest
            writer.PushSequence(); // TBSRequest
            writer.PushSequence(); // requestList
            writer.PushSequence(); // Request
            WriteCertId(writer, certificate, issuer);
            writer.PopSequence();
            writer.PopSequence();
            writer.PopSequence();
            writer.PopSequence();
            return writer.Encode();
        }

        private static void WriteCertId(AsnWriter writer, X509Certificate2 certificate, X509Certificate2 issuer)
        {
            writer.PushSequence();
            writer.PushSequence();
            writer.WriteObjectIdentifier(Oids.Sha256);
            writer.WriteNull();
            writer.PopSequence();
            writer.WriteOctetString(Hash(Oids.Sha256, issuer.SubjectName.RawData));
            writer.WriteOctetString(Hash(Oids.Sha256, issuer.PublicKey.EncodedKeyValue.RawData));
            writer.WriteInteger(SerialNumber(certificate));
            writer.PopSequence();
        }

        private static RevocationStatus ReadResponse(byte[] body, X509Certificate2 certificate, X509Certificate2 issuer, string role, string url)
        {
            AsnReader response = new AsnReader(body, AsnEncodingRules.DER).ReadSequence();
            int status = (int)ReadEnumerated(response);
            if (status != 0)
            {
                string name = status >= 0 && status < ResponseStatusNames.Length ? ResponseStatusNames[status] : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Retryable($"The OCSP responder {url} for the {role} answered '{name}' instead of a status; try again later.");
            }

            AsnReader responseBytes = response.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
            string type = responseBytes.ReadObjectIdentifier();
            if (type != Oids.OcspBasicResponse)
            {
                return Retryable($"The OCSP responder {url} for the {role} sent a response of type {type}; expected a basic OCSP response ({Oids.OcspBasicResponse}).");
            }

            AsnReader basic = new AsnReader(responseBytes.ReadOctetString(), AsnEncodingRules.DER).ReadSequence();
            ReadOnlyMemory<byte> tbsResponseData = basic.ReadEncodedValue();
            string signatureAlgorithm = basic.ReadSequence().ReadObjectIdentifier();
            byte[] signature = basic.ReadBitString(out _);
            X509Certificate2? signer = null;
            byte[] signed = tbsResponseData.ToArray();
            if (CertificateSignature.Verify(issuer, signatureAlgorithm, signed, signature))
            {
                signer = issuer;
            }
            else if (basic.HasData)
            {
                AsnReader certificates = basic.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
                while (certificates.HasData && signer == null)
                {
                    X509Certificate2? candidate = TryLoadResponderCertificate(certificates.ReadEncodedValue());
                    if (candidate != null && IsDelegatedResponder(candidate, issuer) && CertificateSignature.Verify(candidate, signatureAlgorithm, signed, signature))
                    {
                        signer = candidate;
                    }
                }
            }

            if (signer == null)
            {
                // Apple's libraries refuse such an answer as an invalid certificate, not as a network failure: retrying does not help.
                return new RevocationStatus(ErrorIds.InvalidCertificate, $"The OCSP response from {url} for the {role} is not signed by its issuer {CertificateFacts.Describe(issuer)} or by a responder certificate it issued for OCSP signing; the answer cannot be trusted.");
            }

            AsnReader data = new AsnReader(signed, AsnEncodingRules.DER).ReadSequence();
            if (data.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                data.ReadEncodedValue(); // version
            }

            data.ReadEncodedValue(); // responderID
            data.ReadGeneralizedTime(); // producedAt
            AsnReader responses = data.ReadSequence();
            DateTimeOffset now = DateTimeOffset.UtcNow;
            while (responses.HasData)
            {
                AsnReader single = responses.ReadSequence();
                AsnReader certId = single.ReadSequence();
                string hashOid = certId.ReadSequence().ReadObjectIdentifier();
                byte[] nameHash = certId.ReadOctetString();
                byte[] keyHash = certId.ReadOctetString();
                byte[] serial = certId.ReadIntegerBytes().ToArray();
                if ((hashOid != Oids.Sha256 && hashOid != Oids.Sha1)
                    || !nameHash.AsSpan().SequenceEqual(Hash(hashOid, issuer.SubjectName.RawData))
                    || !keyHash.AsSpan().SequenceEqual(Hash(hashOid, issuer.PublicKey.EncodedKeyValue.RawData))
                    || !serial.AsSpan().SequenceEqual(SerialNumber(certificate)))
                {
                    continue;
                }

                Asn1Tag statusTag = single.PeekTag();
                ReadOnlyMemory<byte> statusValue = single.ReadEncodedValue();
                DateTimeOffset thisUpdate = single.ReadGeneralizedTime();
                DateTimeOffset? nextUpdate = null;
                if (single.HasData && single.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    nextUpdate = single.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadGeneralizedTime();
                }

                if (statusTag.TagClass == TagClass.ContextSpecific && statusTag.TagValue == 1)
                {
                    AsnReader revoked = new AsnReader(statusValue, AsnEncodingRules.DER).ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1));
                    DateTimeOffset at = revoked.ReadGeneralizedTime();
                    return new RevocationStatus(ErrorIds.Revoked, $"The {role} {CertificateFacts.Describe(certificate)} (serial {certificate.SerialNumber}) was revoked at {CertificateFacts.Iso(at)}, says the OCSP responder {url}.");
                }

                if (statusTag.TagClass == TagClass.ContextSpecific && statusTag.TagValue == 2)
                {
                    return new RevocationStatus(ErrorIds.InvalidChain, $"The OCSP responder {url} does not know the {role} {CertificateFacts.Describe(certificate)} (serial {certificate.SerialNumber}): status unknown, so its issuer never issued it.");
                }

                if (thisUpdate > now + SignedDataVerifier.ClockSkew || (nextUpdate != null && nextUpdate < now - SignedDataVerifier.ClockSkew))
                {
                    return Retryable($"The OCSP answer from {url} for the {role} is not current (this update {CertificateFacts.Iso(thisUpdate)}, next update {(nextUpdate == null ? "none" : CertificateFacts.Iso(nextUpdate.Value))}, now {CertificateFacts.Iso(now)}); try again later.");
                }

                return new RevocationStatus(null, $"{role} good at {url}");
            }

            return Retryable($"The OCSP response from {url} has no answer for the {role} {CertificateFacts.Describe(certificate)}; try again later.");
        }

        // OCSP travels in clear: a certificate in the answer may be anything an on-path attacker put there. One that does not
        // read is no responder, so the answer is then signed by no one authorised.
        private static X509Certificate2? TryLoadResponderCertificate(ReadOnlyMemory<byte> der)
        {
            if (der.Length > ChainEvaluation.MaximumCertificateBytes)
            {
                return null;
            }

            try
            {
                return X509CertificateLoader.LoadCertificate(der.Span);
            }
            catch (Exception e) when (ChainEvaluation.IsCertificateFailure(e))
            {
                return null;
            }
        }

        private static bool IsDelegatedResponder(X509Certificate2 candidate, X509Certificate2 issuer)
        {
            try
            {
                return IsIssuedForOcspSigning(candidate, issuer);
            }
            catch (Exception e) when (ChainEvaluation.IsCertificateFailure(e))
            {
                return false;
            }
        }

        private static bool IsIssuedForOcspSigning(X509Certificate2 candidate, X509Certificate2 issuer)
        {
            if (!CertificateSignature.IsIssuedBy(candidate, issuer))
            {
                return false;
            }

            DateTime now = DateTime.UtcNow;
            if (now < candidate.NotBefore.ToUniversalTime() || now > candidate.NotAfter.ToUniversalTime())
            {
                return false;
            }

            foreach (X509Extension extension in candidate.Extensions)
            {
                if (extension is X509EnhancedKeyUsageExtension usages)
                {
                    foreach (Oid usage in usages.EnhancedKeyUsages)
                    {
                        if (usage.Value == Oids.OcspSigning)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        // ENUMERATED is read as its integer content: AsnReader.ReadEnumeratedValue needs an enum type.
        private static long ReadEnumerated(AsnReader reader)
        {
            ReadOnlyMemory<byte> bytes = reader.ReadEnumeratedBytes();
            long value = (bytes.Span[0] & 0x80) != 0 ? -1 : 0;
            foreach (byte b in bytes.Span)
            {
                value = (value << 8) | b;
            }

            return value;
        }

        private static byte[] SerialNumber(X509Certificate2 certificate)
        {
            AsnReader tbs = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence().ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                tbs.ReadEncodedValue();
            }

            return tbs.ReadIntegerBytes().ToArray();
        }

        private static byte[] Hash(string oid, byte[] data)
        {
            using (HashAlgorithm hash = oid == Oids.Sha1 ? (HashAlgorithm)SHA1.Create() : SHA256.Create())
            {
                return hash.ComputeHash(data);
            }
        }

        private static RevocationStatus Retryable(string message) => new RevocationStatus(ErrorIds.RevocationCheckFailed, message);
    }
}
