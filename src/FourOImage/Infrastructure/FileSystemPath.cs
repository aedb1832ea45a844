using System.Management.Automation;

namespace FourOImage.Commands;

/// <summary>Resolves a PowerShell path (relative to the current location, ~, PSDrives) to a file-system path.</summary>
internal static class FileSystemPath
{
    /// <returns>The full file-system path, or null when <paramref name="path"/> is on another provider (see <paramref name="problem"/>).</returns>
    public static string? Resolve(SessionState session, string path, string parameter, out string? problem)
    {
        string resolved = session.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            problem = $"-{parameter} must be a file-system path; '{path}' is on the {provider.Name} provider.";
            return null;
        }

        problem = null;
        return resolved;
    }
}
