using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace AppStoreJws.Loading
{
    /// <summary>
    /// Loads the assemblies shipped in the module's Dependencies folder, and only those; everything else
    /// (the .NET framework, System.Text.Json, System.Formats.Asn1) comes from the host as usual.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string folder;

        public DependencyLoadContext(string folder)
        {
            this.folder = folder;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string path = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
