using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using AppStoreJws.Checks;
using AppStoreJws.Errors;
using AppStoreJws.Json;
using AppStoreJws.Keys;

namespace AppStoreJws.Inspection
{
    /// <summary>
    /// Verifies a token and checks it against the wire format Apple expects (see docs/WireFormat.md): one report per token,
    /// with a named check for every rule. A token is data, so nothing about it throws: a token that is not even a
    /// compact JWS gets a report whose only check, Structure, failed with the decoder's explanation.
    /// </summary>
    internal static class JwsLinter
    {
        private static readonly string[] StandardHeaderMembers = { "alg", "kid", "typ" };

        public static JwsLintReport Lint(string token, JwsVerificationKey key, JwsLintOptions options)
        {
            if (key == null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            CheckList checks = new CheckList();
            DecodedJws decoded;
            try
            {
                decoded = JwsDecoder.Decode(token);
            }
            catch (AppStoreJwsException e)
            {
                checks.Fail(JwsCheckNames.Structure, e.Message);
                return new JwsLintReport(token ?? string.Empty, null, checks.ToList());
            }

            checks.Pass(JwsCheckNames.Structure, "A compact JWS: three base64url parts; header and payload are JSON objects.");
            CheckWhitespace(token, decoded.Token, checks);
            SignatureInspector.Check(decoded, key, checks);
            CheckAlgorithm(decoded.Header, checks);
            CheckKeyId(decoded.Header, key, checks);
            CheckType(decoded.Header, checks);
            CheckHeaderMembers(decoded.Header, checks);
            CheckDuplicateMembers(decoded, checks);
            ClaimProfile profile = CheckAudience(decoded.Payload, options, checks);
            new ClaimLinter(decoded.Payload, profile, options, checks).Run();
            return new JwsLintReport(token, decoded, checks.ToList());
        }

        private static void CheckAlgorithm(OrderedDictionary header, CheckList checks)
        {
            object? alg = header["alg"];
            if (!header.Contains("alg"))
            {
                checks.Fail(JwsCheckNames.Algorithm, "The header has no alg; Apple requires \"ES256\" (ECDSA with P-256 and SHA-256).");
            }
            else if (alg is string name && name == "ES256")
            {
                checks.Pass(JwsCheckNames.Algorithm, "alg is ES256.");
            }
            else if (alg is string none && string.Equals(none, "none", StringComparison.OrdinalIgnoreCase))
            {
                checks.Fail(JwsCheckNames.Algorithm,
                    $"alg is {JsonText.Quote(none)}: an unsigned token. Apple requires \"ES256\"; the signature was checked as ES256 regardless of the header.");
            }
            else
            {
                checks.Fail(JwsCheckNames.Algorithm,
                    $"alg is {JsonText.Describe(alg)}; Apple requires \"ES256\" (ECDSA with P-256 and SHA-256, the only algorithm App Store keys sign with).");
            }
        }

        private static void CheckKeyId(OrderedDictionary header, JwsVerificationKey key, CheckList checks)
        {
            object? kid = header["kid"];
            if (!header.Contains("kid"))
            {
                checks.Fail(JwsCheckNames.KeyId, "The header has no kid; Apple finds the key by it: set kid to the 10-character key ID from App Store Connect.");
            }
            else if (!(kid is string keyId))
            {
                checks.Fail(JwsCheckNames.KeyId, $"kid is {JsonText.Describe(kid)}; it must be the key ID as a string, such as \"2X9R4HXF34\".");
            }
            else if (AppStoreIdentifiers.IsUuid(keyId))
            {
                checks.Fail(JwsCheckNames.KeyId, AppStoreIdentifiers.LooksSwappedUuidAsKeyId($"kid {JsonText.Quote(keyId)}"));
            }
            else if (!AppStoreIdentifiers.IsKeyId(keyId))
            {
                checks.Fail(JwsCheckNames.KeyId, $"kid is {JsonText.Quote(keyId)}; a key ID is exactly 10 uppercase letters or digits, such as \"2X9R4HXF34\".");
            }
            else if (key.KeyId == null)
            {
                checks.Warn(JwsCheckNames.KeyId, $"kid is {keyId}; not compared with the key, whose key ID is unknown (pass -KeyId, or a JWK with a kid).");
            }
            else if (!string.Equals(keyId, key.KeyId, StringComparison.Ordinal))
            {
                checks.Fail(JwsCheckNames.KeyId,
                    $"kid is {keyId}, but the key's ID is {key.KeyId}; Apple looks up the key by kid, so the token must name the key that signed it.");
            }
            else
            {
                checks.Pass(JwsCheckNames.KeyId, $"kid is {keyId}, the key's ID.");
            }
        }

        private static void CheckType(OrderedDictionary header, CheckList checks)
        {
            object? typ = header["typ"];
            if (!header.Contains("typ"))
            {
                checks.Fail(JwsCheckNames.Type, "The header has no typ; Apple's tokens carry typ \"JWT\".");
            }
            else if (typ is string name && name == "JWT")
            {
                checks.Pass(JwsCheckNames.Type, "typ is JWT.");
            }
            else if (typ is string lower && string.Equals(lower, "JWT", StringComparison.OrdinalIgnoreCase))
            {
                checks.Warn(JwsCheckNames.Type, $"typ is {JsonText.Quote(lower)}; Apple's libraries write \"JWT\" in capitals.");
            }
            else
            {
                checks.Fail(JwsCheckNames.Type, $"typ is {JsonText.Describe(typ)}; Apple's tokens carry typ \"JWT\".");
            }
        }

        // The decoder reads the token trimmed, so the rest of the report can judge its content; but StoreKit and
        // Apple's servers receive the string as is, and a verifier given " eyJ..." or "eyJ...\n" rejects it.
        private static void CheckWhitespace(string given, string trimmed, CheckList checks)
        {
            if (given.Length == trimmed.Length)
            {
                checks.Pass(JwsCheckNames.Whitespace, "No whitespace around the token.");
                return;
            }

            int leading = given.IndexOf(trimmed, StringComparison.Ordinal);
            int trailing = given.Length - trimmed.Length - leading;
            checks.Fail(JwsCheckNames.Whitespace,
                $"The token has {leading} leading and {trailing} trailing whitespace characters (such as a line break from a file or a copy); " +
                "StoreKit receives the string as is and a verifier rejects it: trim it before handing it on.");
        }

        private static void CheckDuplicateMembers(DecodedJws decoded, CheckList checks)
        {
            List<string> problems = new List<string>();
            foreach ((string part, string json) in new[] { ("header", decoded.HeaderJson), ("payload", decoded.PayloadJson) })
            {
                foreach (DuplicateMember duplicate in DuplicateMember.Find(json))
                {
                    problems.Add($"the {part} has {JsonText.Quote(duplicate.Name)} {duplicate.Count} times (first {Shorten(duplicate.FirstJson)}, last {Shorten(duplicate.LastJson)}); " +
                        $"jose and most JSON readers take the last ({Shorten(duplicate.LastJson)}), which this report checked, but a verifier that takes the first reads {Shorten(duplicate.FirstJson)}");
                }
            }

            if (problems.Count == 0)
            {
                checks.Pass(JwsCheckNames.DuplicateMembers, "No member name appears twice in the header or the payload.");
            }
            else
            {
                checks.Warn(JwsCheckNames.DuplicateMembers,
                    char.ToUpperInvariant(problems[0][0]) + string.Join("; ", problems).Substring(1) + ". Verifiers disagree on such a token: sign each member once.");
            }
        }

        private static string Shorten(string json) => json.Length > 60 ? json.Substring(0, 60) + "…" : json;

        private static void CheckHeaderMembers(OrderedDictionary header, CheckList checks)
        {
            // RFC 7515 §4.1.11: a verifier must reject a token whose crit lists an extension it does not implement, and
            // Apple's verifiers implement none; jose rejects any crit it was not told to accept.
            if (header.Contains("crit"))
            {
                checks.Fail(JwsCheckNames.HeaderMembers,
                    $"The header has crit ({JsonText.Describe(header["crit"])}): it lists extensions a verifier must understand or reject the token, and " +
                    "Apple's verifiers and jose understand none. Apple's tokens carry only alg, kid and typ.");
                return;
            }

            List<string> extra = header.Keys.Cast<string>().Where(name => Array.IndexOf(StandardHeaderMembers, name) < 0).ToList();
            if (extra.Count == 0)
            {
                checks.Pass(JwsCheckNames.HeaderMembers, "alg, kid and typ only, as in Apple's tokens.");
            }
            else
            {
                checks.Warn(JwsCheckNames.HeaderMembers,
                    $"The header has members Apple's tokens do not: {string.Join(", ", extra.Take(10).Select(JsonText.Quote))}{(extra.Count > 10 ? ", …" : string.Empty)}. Apple's tokens carry only alg, kid and typ.");
            }
        }

        /// <summary>Checks aud and returns the claim rules to apply: an array audience is judged by the audience inside it.</summary>
        private static ClaimProfile CheckAudience(OrderedDictionary payload, JwsLintOptions options, CheckList checks)
        {
            string expected = string.Join(", ", JwsLintOptions.KnownAudiences);
            object? aud = payload["aud"];
            if (!payload.Contains("aud"))
            {
                checks.Fail(JwsCheckNames.Audience, $"The payload has no aud claim; expected one of {expected}.");
                return ClaimProfile.Unknown;
            }

            if (aud is IList list)
            {
                ClaimProfile? inside = list.OfType<string>().Select(ClaimProfile.Find).FirstOrDefault(profile => profile != null);
                checks.Fail(JwsCheckNames.Audience,
                    $"aud is an array ({JsonText.Describe(aud)}); Apple requires a single string{(inside == null ? string.Empty : " such as \"" + inside.Audience + "\"")}. " +
                    "JWT libraries accept an array audience; Apple does not.");
                return inside ?? ClaimProfile.Unknown;
            }

            if (!(aud is string audience))
            {
                checks.Fail(JwsCheckNames.Audience, $"aud is {JsonText.Describe(aud)}; it must be a string, one of {expected}.");
                return ClaimProfile.Unknown;
            }

            ClaimProfile? found = ClaimProfile.Find(audience);
            if (found == null)
            {
                string? close = ClaimProfile.All.Select(profile => profile.Audience)
                    .FirstOrDefault(known => audience.Length <= 64 && ClaimNameSuggester.Distance(audience.ToLowerInvariant(), known) <= 3);
                checks.Fail(JwsCheckNames.Audience,
                    $"aud is {JsonText.Quote(audience)}, which is not an App Store audience; expected one of {expected}{(close == null ? string.Empty : $" (did you mean \"{close}\"?)")}.");
                return ClaimProfile.Unknown;
            }

            if (options.Audience != null && options.Audience != audience)
            {
                checks.Fail(JwsCheckNames.Audience, $"aud is \"{audience}\" ({found.Description}), but \"{options.Audience}\" was expected.");
            }
            else
            {
                checks.Pass(JwsCheckNames.Audience, $"aud is \"{audience}\": {found.Description}.");
            }

            return found;
        }
    }
}
