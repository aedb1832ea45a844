using System;
using System.IO;

namespace FourOImage.Module.Tests.Help;

/// <summary>Where the repository's docs and the assembled module are, found from the test's own folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Docs => Path.Combine(Root, "docs");

    public static string ModuleFolder => Path.Combine(Root, "out", "FourOImage");

    public static string ModuleAssembly => Path.Combine(ModuleFolder, "FourOImage.dll");

    public static string Manifest => Path.Combine(ModuleFolder, "FourOImage.psd1");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FourOImage.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No FourOImage.sln above {AppContext.BaseDirectory}.");
    }
}
