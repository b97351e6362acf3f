using System;
using System.Text;
using AppStoreJws.Checks;
using AppStoreJws.Keys;
using AppStoreJws.Signing;

namespace AppStoreJws.Inspection
{
    /// <summary>
    /// Checks the signature's form and verifies it, always as ES256: the header's alg is what an attacker controls,
    /// so it never chooses the algorithm (RFC 8725 §3.1). A DER signature is recognised and verified separately, so
    /// the report can say whether only its encoding is wrong.
    /// </summary>
    internal static class SignatureInspector
    {

        public static void Check(DecodedJws decoded, JwsVerificationKey key, CheckList checks)
        {
            byte[] signature = decoded.SignatureBytes;
            byte[] signingInput = Encoding.ASCII.GetBytes(decoded.Token.Substring(0, decoded.Token.LastIndexOf('.')));
            string keyText = $"the key {key.KeyId ?? string.Empty}{(key.KeyId == null ? string.Empty : " ")}(thumbprint {key.Thumbprint})";

            if (signature.Length == DerSignature.P1363Length)
            {
                checks.Pass(JwsCheckNames.SignatureFormat, "64 bytes (r‖s), the form a JWS needs.");
                if (key.VerifyP1363(signingInput, signature))
                {
                    checks.Pass(JwsCheckNames.Signature, $"The signature verifies as ES256 with {keyText}.");
                }
                else
                {
                    checks.Fail(JwsCheckNames.Signature,
                        $"The signature does not verify as ES256 with {keyText}: the token was signed with another key, or changed after it was signed.");
                }

                return;
            }

            if (DerSignature.TryToP1363(signature, out byte[] converted))
            {
                bool verifies = key.VerifyP1363(signingInput, converted);
                checks.Fail(JwsCheckNames.SignatureFormat,
                    $"DER-encoded signature; JWS needs 64-byte r‖s. The signature is {signature.Length} bytes of ASN.1 DER (SEQUENCE {{ INTEGER r, INTEGER s }}), " +
                    "the form OpenSSL and most crypto APIs return; RFC 7518 §3.4 requires the two 32-byte integers concatenated. " +
                    (verifies
                        ? $"Converted to r‖s it verifies with {keyText}, so only the encoding is wrong: sign with a JOSE library, or convert the signature."
                        : $"It would not verify with {keyText} even converted to r‖s, so the key or the signed bytes are wrong too."));
                checks.Fail(JwsCheckNames.Signature, "The signature was not verified: Apple reads a JWS signature as 64-byte r‖s, and this one is DER (see SignatureFormat).");
                return;
            }

            checks.Fail(JwsCheckNames.SignatureFormat, signature.Length == 0
                ? "The signature is empty (an unsigned token, as alg \"none\" makes); an ES256 signature is 64 bytes, r‖s."
                : $"The signature is {signature.Length} bytes; an ES256 JWS signature is exactly 64 bytes (r‖s), and this is not DER either.");
            checks.Fail(JwsCheckNames.Signature, "The signature was not verified: it is not a 64-byte ES256 signature (see SignatureFormat).");
        }
    }
}
