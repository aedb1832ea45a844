using System;
using System.Globalization;
using System.IO;

namespace FourOImage.Core.Hosting;

/// <summary>
/// Windows PowerShell 5.1 runs the module on .NET Framework with its legacy path handling, which cannot use a path of
/// 260 characters or more (248 for a folder), whatever the Windows long-path setting says. Such a path is refused up
/// front with an error that names it and says what to do, instead of .NET's own message naming nothing. PowerShell 7
/// has no such limit, and a "\\?\" path is never limited.
/// </summary>
public static class LegacyPathLimit
{
    /// <summary>The shortest file path .NET Framework refuses.</summary>
    public const int MaxPath = 260;

    /// <summary>The shortest folder path .NET Framework refuses.</summary>
    public const int MaxFolder = 248;

    /// <summary>
    /// Whether the limit holds in this process: on .NET Framework unless the host turned both legacy path handling and
    /// the long-path block off (AppContext switches); elsewhere never.
    /// </summary>
    public static bool Applies { get; } =
        RuntimeSupport.OnNetFramework && !(SwitchOff("Switch.System.IO.UseLegacyPathHandling") && SwitchOff("Switch.System.IO.BlockLongPaths"));

    /// <summary>Throws <see cref="PathTooLongException"/> when <paramref name="applies"/> and the path reaches the limit.</summary>
    /// <param name="fullPath">The full path.</param>
    /// <param name="what">What the path is, for the message: "image file", "journal", "folder".</param>
    /// <param name="isFolder">A folder: the limit is 248.</param>
    public static void Check(string fullPath, string what, bool isFolder, bool applies)
    {
        int limit = isFolder ? MaxFolder : MaxPath;
        if (applies && fullPath.Length >= limit && !fullPath.StartsWith(@"\\?\", StringComparison.Ordinal))
        {
            throw TooLong(fullPath, what, limit, null);
        }
    }

    /// <summary><see cref="Check(string, string, bool, bool)"/> for this process.</summary>
    public static void Check(string fullPath, string what, bool isFolder = false) => Check(fullPath, what, isFolder, Applies);

    /// <summary>The error for a path this runtime refused as too long (for a <see cref="PathTooLongException"/> .NET raised itself).</summary>
    public static PathTooLongException TooLong(string path, string what, int limit, Exception? inner) =>
        new(string.Format(
                CultureInfo.InvariantCulture,
                "The {0} path is {1} characters long: '{2}'. Windows PowerShell 5.1 (.NET Framework) cannot use paths of {3} " +
                "characters or more ({4} for a folder); use a shorter folder or file name, or PowerShell 7, which has no such limit.",
                what,
                path.Length,
                path,
                limit,
                MaxFolder),
            inner);

    private static bool SwitchOff(string name) => AppContext.TryGetSwitch(name, out bool enabled) && !enabled;
}
