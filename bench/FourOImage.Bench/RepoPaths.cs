using System;
using System.IO;

namespace FourOImage.Bench;

/// <summary>The repository the bench runs in: the folder holding FourOImage.sln, above the current folder or the bench's own.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder != null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "FourOImage.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from the FourOImage repository (no FourOImage.sln above the current folder).");
    }

    /// <summary>The module a user imports, assembled by a Release build of src/FourOImage.</summary>
    public static string Module(string root) => Path.Combine(root, "out", "FourOImage", "FourOImage.psd1");
}
