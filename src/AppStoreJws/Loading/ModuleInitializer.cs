using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;

namespace AppStoreJws.Loading
{
    /// <summary>
    /// Sends the request for AppStoreJws.Core to a private load context. PowerShell loads every module's
    /// assemblies into one process; Az, Microsoft.Graph and PnP ship other versions of Microsoft.IdentityModel.*,
    /// and whichever loads first into the shared context wins. Keeping the core and its dependencies in
    /// <see cref="DependencyLoadContext"/> lets both versions live side by side.
    /// This class must not touch any type from AppStoreJws.Core, or the core would load before the hook exists;
    /// for the same reason no cmdlet may hold a value-type field (an enum, a struct) from the core, since
    /// PowerShell lists the assembly's types, which lays out their fields, before it calls <see cref="OnImport"/>.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private const string CoreAssemblyName = "AppStoreJws.Core";

        private static readonly DependencyLoadContext DependencyContext = new DependencyLoadContext(
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty, "Dependencies"));

        private static int hooked;

        public void OnImport()
        {
            // Import-Module -Force and imports in several runspaces come here again; one hook is enough.
            if (Interlocked.Exchange(ref hooked, 1) == 0)
            {
                AssemblyLoadContext.Default.Resolving += ResolveCore;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            // The core stays loaded (assemblies cannot be unloaded from the process); the hook stays too, so
            // a later re-import in any runspace still finds the same copy of the core.
        }

        private static Assembly? ResolveCore(AssemblyLoadContext defaultContext, AssemblyName name) =>
            name.Name == CoreAssemblyName ? DependencyContext.LoadFromAssemblyName(name) : null;
    }
}
