using System.IO;
using System.Management.Automation;
using FourOImage.Core.Hosting;

namespace FourOImage.Commands;

/// <summary>
/// Runs at Import-Module: turns away PowerShell 7.0–7.3 with a clear message (RuntimeSupport), then resolves the
/// module's own dependencies from its folder (DependencyResolver).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport()
    {
        RuntimeSupport.EnsureSupported();
        DependencyResolver.Register(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!);
    }

    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyResolver.Unregister();
}
