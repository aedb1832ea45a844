using System;
using System.IO;
using System.Reflection;

namespace FourOImage.Module.Tests;

/// <summary>Where the repository and the module folder assembled by this test build's configuration are
/// (out/FourOImage/ for Release, out/&lt;Configuration&gt;/FourOImage/ otherwise).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModuleFolder { get; } = Path.GetFullPath(AssemblyMetadata("ModuleOutDir"));

    public static string ModuleFile(string name) => Path.Combine(ModuleFolder, name);

    /// <summary>PowerShellStandard.Library's System.Management.Automation reference assembly, from the NuGet cache.</summary>
    public static string PowerShellReference
    {
        get
        {
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(packages, "powershellstandard.library", "5.1.1", "lib", "netstandard2.0", "System.Management.Automation.dll");
        }
    }

    private static string AssemblyMetadata(string key)
    {
        foreach (var attribute in typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), false))
        {
            var metadata = (AssemblyMetadataAttribute)attribute;
            if (metadata.Key == key && metadata.Value != null)
            {
                return metadata.Value;
            }
        }

        throw new InvalidOperationException("The test assembly has no " + key + " metadata.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FourOImage.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FourOImage.sln not found above " + AppContext.BaseDirectory);
    }
}
