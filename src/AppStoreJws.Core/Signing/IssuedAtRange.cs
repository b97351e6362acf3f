using System;
using AppStoreJws.Errors;

namespace AppStoreJws.Signing
{
    /// <summary>
    /// The iat values the module signs: the same range its own linter accepts at its most lenient, so no token the
    /// module makes is one Test-AppStoreJws rejects for its issue time.
    /// </summary>
    internal static class IssuedAtRange
    {
        /// <summary>No App Store token was issued before 2000: an earlier iat is a unit or clock mistake.</summary>
        public static readonly DateTimeOffset Earliest = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>How far ahead of this host's clock an iat may be: the largest clock tolerance the linter takes.</summary>
        public static TimeSpan LatestAhead => ClockTolerance.Maximum;

        /// <summary>
        /// The whole-second instant <paramref name="issuedAt"/> backdated by <paramref name="clockSkew"/>, or an
        /// <c>InvalidIssuedAt</c> error when it falls outside the range (checked before any arithmetic can overflow).
        /// </summary>
        public static DateTimeOffset Resolve(DateTimeOffset issuedAt, TimeSpan clockSkew, DateTimeOffset now)
        {
            // Compared without subtracting, so MinValue and MaxValue are refused instead of overflowing.
            if (issuedAt < Earliest || issuedAt - Earliest < clockSkew)
            {
                throw Invalid(issuedAt, $"before {Earliest:yyyy-MM-dd}");
            }

            if (issuedAt > now && issuedAt - now > LatestAhead + clockSkew)
            {
                throw Invalid(issuedAt, $"more than {LatestAhead.TotalMinutes} minutes after this host's clock ({now:u})");
            }

            return DateTimeOffset.FromUnixTimeSeconds((issuedAt - clockSkew).ToUnixTimeSeconds());
        }

        private static AppStoreJwsException Invalid(DateTimeOffset issuedAt, string problem) =>
            new AppStoreJwsException(ErrorIds.InvalidIssuedAt, ErrorKind.InvalidArgument,
                $"The issue time (iat) {issuedAt:u} is {problem}; Test-AppStoreJws rejects such a token, so it is not signed. " +
                "Leave -IssuedAt out to issue the token now, or give a time after 2000 and not ahead of the clock.");
    }
}
