using System.IO;
using System.Management.Automation;
using FourOImage.Core.Hosting;

namespace FourOImage.Commands;

/// <summary>Runs at Import-Module: resolves the module's own dependencies from its folder (see DependencyResolver).</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport() => DependencyResolver.Register(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!);

    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyResolver.Unregister();
}
