using System.IO;
using System.Management.Automation;
using FourOImage.Core;
using FourOImage.Core.Hosting;

namespace FourOImage.Commands;

/// <summary>
/// Runs at Import-Module: turns away PowerShell 7.0–7.3 with a clear message (RuntimeSupport), then resolves the
/// module's own dependencies from its folder (DependencyResolver). At Remove-Module it forgets the runspace's
/// connection (and a -Scope Process one this runspace made), so a re-import starts unconnected.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport()
    {
        RuntimeSupport.EnsureSupported();
        DependencyResolver.Register(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!);
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        SessionConnections.Disconnect(ConnectionOwner.Current);
        DependencyResolver.Unregister();
    }
}
