using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace AppStoreJws.Keys
{
    /// <summary>What the module makes of a P-256 public point: the verifying ECDsa, and the JWK thumbprint keys are compared by.</summary>
    internal static class PublicPoint
    {
        /// <summary>An ECDsa holding only the public key; throws <see cref="CryptographicException"/> for a point not on P-256.</summary>
        public static ECDsa CreateVerifier(ECPoint q) => ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = q });

        /// <summary>RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key.</summary>
        public static string Thumbprint(ECPoint q) =>
            Base64UrlEncoder.Encode(new JsonWebKey { Kty = "EC", Crv = "P-256", X = Base64UrlEncoder.Encode(q.X), Y = Base64UrlEncoder.Encode(q.Y) }.ComputeJwkThumbprint());
    }
}
