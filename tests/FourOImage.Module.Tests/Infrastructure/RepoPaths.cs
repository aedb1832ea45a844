using System;
using System.IO;

namespace FourOImage.Module.Tests;

/// <summary>Where the repository and the assembled module folder (out/FourOImage/) are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModuleFolder => Path.Combine(Root, "out", "FourOImage");

    public static string ModuleFile(string name) => Path.Combine(ModuleFolder, name);

    /// <summary>PowerShellStandard.Library's System.Management.Automation reference assembly, from the NuGet cache.</summary>
    public static string PowerShellReference
    {
        get
        {
            string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(packages, "powershellstandard.library", "5.1.0-preview-06", "lib", "netstandard2.0", "System.Management.Automation.dll");
        }
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
