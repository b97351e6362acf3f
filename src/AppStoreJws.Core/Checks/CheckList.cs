using System.Collections.Generic;

namespace AppStoreJws.Checks
{
    /// <summary>The checks of one token, in the order they ran.</summary>
    internal sealed class CheckList
    {
        private readonly List<JwsCheck> checks = new List<JwsCheck>(24);

        public void Pass(string name, string message) => checks.Add(new JwsCheck(name, CheckResult.Pass, message));

        public void Warn(string name, string message) => checks.Add(new JwsCheck(name, CheckResult.Warning, message));

        public void Fail(string name, string message) => checks.Add(new JwsCheck(name, CheckResult.Fail, message));

        /// <summary>One entry for the check: a failure listing every problem found, or the pass message.</summary>
        public void Report(string name, IReadOnlyCollection<string> problems, string passMessage)
        {
            if (problems.Count == 0)
            {
                Pass(name, passMessage);
            }
            else
            {
                Fail(name, string.Join(" ", problems));
            }
        }

        public IReadOnlyList<JwsCheck> ToList() => checks.AsReadOnly();
    }
}
