using System;
using System.Management.Automation;

namespace FourOImage.Commands;

/// <summary>Resolves a PowerShell path (relative to the current location, ~, PSDrives) to a file-system path.</summary>
internal static class FileSystemPath
{
    /// <summary>The full file-system path; <see cref="NotSupportedException"/> naming the parameter when the path is on another provider.</summary>
    public static string Resolve(SessionState session, string path, string parameterName)
    {
        string resolved = session.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            throw new NotSupportedException($"-{parameterName} takes file-system paths; '{path}' is on the {provider.Name} provider.");
        }

        return resolved;
    }
}
