using System;
using System.IO;
using System.Linq;

namespace FourOImage.Core.Tests.Downloads;

/// <summary>A fresh folder per test: <see cref="Root"/> holds the target folder <see cref="Target"/>, so escapes show up as files in the root.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "fouro-save-" + Guid.NewGuid().ToString("N"));
        Target = Path.Combine(Root, "out");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Target { get; }

    /// <summary>Every file under the root, hidden ones included, as paths relative to the root.</summary>
    public string[] AllFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
