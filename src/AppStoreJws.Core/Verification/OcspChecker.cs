using System;
using System.Formats.Asn1;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
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
        private static readonly HttpClient Http = new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

        private static readonly string[] ResponseStatusNames = { "successful", "malformedRequest", "internalError", "tryLater", "4", "sigRequired", "unauthorized" };

        public static RevocationStatus Check(X509Certificate2 certificate, X509Certificate2 issuer, string role, TimeSpan timeout)
        {
            string? url = CertificateFacts.OcspResponder(certificate);
            if (url == null)
            {
                return new RevocationStatus(SignedDataErrorIds.InvalidCertificate, $"The {role} {CertificateFacts.Describe(certificate)} names no OCSP responder (Authority Information Access), so its revocation cannot be checked.");
            }

            byte[] request = BuildRequest(certificate, issuer);
            byte[] body;
            try
            {
                using (CancellationTokenSource cancel = new CancellationTokenSource(timeout))
                using (ByteArrayContent content = new ByteArrayContent(request))
                {
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
                    using (HttpResponseMessage response = Http.PostAsync(url, content, cancel.Token).ConfigureAwait(false).GetAwaiter().GetResult())
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            return Retryable($"The OCSP responder {url} for the {role} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}; try again later.");
                        }

                        body = response.Content.ReadAsByteArrayAsync().ConfigureAwait(false).GetAwaiter().GetResult();
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException || e is System.IO.IOException)
            {
                string cause = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} seconds" : e.GetBaseException().Message;
                return Retryable($"The OCSP responder {url} for the {role} could not be reached ({cause}); try again later.");
            }

            try
            {
                return ReadResponse(body, certificate, issuer, role, url);
            }
            catch (AsnContentException e)
            {
                return Retryable($"The OCSP responder {url} for the {role} sent a response that is not OCSP DER ({e.Message.TrimEnd('.')}); try again later.");
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
                    X509Certificate2 candidate = X509CertificateLoader.LoadCertificate(certificates.ReadEncodedValue().ToArray());
                    if (IsDelegatedResponder(candidate, issuer) && CertificateSignature.Verify(candidate, signatureAlgorithm, signed, signature))
                    {
                        signer = candidate;
                    }
                }
            }

            if (signer == null)
            {
                // Apple's libraries refuse such an answer as an invalid certificate, not as a network failure: retrying does not help.
                return new RevocationStatus(SignedDataErrorIds.InvalidCertificate, $"The OCSP response from {url} for the {role} is not signed by its issuer {CertificateFacts.Describe(issuer)} or by a responder certificate it issued for OCSP signing; the answer cannot be trusted.");
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
                    return new RevocationStatus(SignedDataErrorIds.Revoked, $"The {role} {CertificateFacts.Describe(certificate)} (serial {certificate.SerialNumber}) was revoked at {CertificateFacts.Iso(at)}, says the OCSP responder {url}.");
                }

                if (statusTag.TagClass == TagClass.ContextSpecific && statusTag.TagValue == 2)
                {
                    return new RevocationStatus(SignedDataErrorIds.InvalidChain, $"The OCSP responder {url} does not know the {role} {CertificateFacts.Describe(certificate)} (serial {certificate.SerialNumber}): status unknown, so its issuer never issued it.");
                }

                if (thisUpdate > now + SignedDataVerifier.ClockSkew || (nextUpdate != null && nextUpdate < now - SignedDataVerifier.ClockSkew))
                {
                    return Retryable($"The OCSP answer from {url} for the {role} is not current (this update {CertificateFacts.Iso(thisUpdate)}, next update {(nextUpdate == null ? "none" : CertificateFacts.Iso(nextUpdate.Value))}, now {CertificateFacts.Iso(now)}); try again later.");
                }

                return new RevocationStatus(null, $"{role} good at {url}");
            }

            return Retryable($"The OCSP response from {url} has no answer for the {role} {CertificateFacts.Describe(certificate)}; try again later.");
        }

        private static bool IsDelegatedResponder(X509Certificate2 candidate, X509Certificate2 issuer)
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

        private static RevocationStatus Retryable(string message) => new RevocationStatus(SignedDataErrorIds.RevocationCheckFailed, message);
    }
}
