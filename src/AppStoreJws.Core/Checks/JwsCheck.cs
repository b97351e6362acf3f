namespace AppStoreJws.Checks
{
    /// <summary>The outcome of one check. A warning is worth reading but does not make a token invalid.</summary>
    internal enum CheckResult
    {
        Pass,
        Warning,
        Fail,

        /// <summary>The check did not apply (an offline run has no revocation check; unverified Xcode data has no chain).</summary>
        Skipped,
    }

    /// <summary>One check of a token: a stable PascalCase <see cref="Name"/> scripts can match on, and a sentence for people.</summary>
    public sealed class JwsCheck
    {
        internal JwsCheck(string name, CheckResult result, string message)
        {
            Name = name;
            Outcome = result;
            Message = message;
        }

        public string Name { get; }

        /// <summary>Pass, Warning, Fail or Skipped: the name of <see cref="Outcome"/>. Like every enumeration on the objects
        /// the cmdlets write, it is handed to PowerShell by name, so ConvertTo-Json writes "Pass", not a number.</summary>
        public string Result => Outcome.ToString();

        /// <summary>The outcome for code in this library.</summary>
        internal CheckResult Outcome { get; }

        public string Message { get; }

        public override string ToString() => $"{Result} {Name}: {Message}";
    }
}
