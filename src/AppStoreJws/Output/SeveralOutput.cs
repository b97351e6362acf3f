using System.Management.Automation;

namespace AppStoreJws.Output
{
    /// <summary>
    /// Writes a cmdlet's results so the prompt can show one result in full and several as a compact table.
    /// PowerShell picks a format view from the first object's type names, before it knows how many follow, so the
    /// first result is held until a second arrives: from then on every result carries the extra type name
    /// <c>&lt;type&gt;#Several</c>, which selects the table view; a run with one result writes it unchanged (the list
    /// view). The objects themselves are the same either way. Only the first result waits, and only for the next.
    /// </summary>
    internal sealed class SeveralOutput
    {
        public const string Suffix = "#Several";

        private readonly Cmdlet cmdlet;
        private object? held;
        private bool several;

        public SeveralOutput(Cmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
        }

        public void Write(object result)
        {
            if (several)
            {
                cmdlet.WriteObject(Marked(result));
            }
            else if (held == null)
            {
                held = result;
            }
            else
            {
                several = true;
                cmdlet.WriteObject(Marked(held));
                held = null;
                cmdlet.WriteObject(Marked(result));
            }
        }

        /// <summary>
        /// Called before the cmdlet writes an error: the error may stop the run (-ErrorAction Stop), and a held result
        /// must not be lost with it. A result is held only when an earlier input succeeded, so this run has several.
        /// </summary>
        public void BeforeError()
        {
            if (held != null)
            {
                several = true;
                cmdlet.WriteObject(Marked(held));
                held = null;
            }
        }

        /// <summary>Writes a result still held: at the end of the run, and before a terminating error ends it.</summary>
        public void Flush()
        {
            if (held != null)
            {
                object result = held;
                held = null;
                cmdlet.WriteObject(result);
            }
        }

        private static PSObject Marked(object result)
        {
            PSObject wrapped = PSObject.AsPSObject(result);
            wrapped.TypeNames.Insert(0, result.GetType().FullName + Suffix);
            return wrapped;
        }
    }
}
