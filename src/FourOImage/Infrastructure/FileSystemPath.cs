using System;
using System.Management.Automation;
using FourOImage.Core.Hosting;

namespace FourOImage.Commands;

/// <summary>Resolves a PowerShell path (relative to the current location, ~, PSDrives) to a file-system path.</summary>
internal static class FileSystemPath
{
    /// <summary>
    /// The full file-system path; <see cref="NotSupportedException"/> naming the parameter when the path is on another
    /// provider, <see cref="System.IO.PathTooLongException"/> naming it when Windows PowerShell 5.1 finds it too long.
    /// </summary>
    public static string Resolve(SessionState session, string path, string parameterName)
    {
        string resolved;
        ProviderInfo provider;
        try
        {
            resolved = session.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (System.IO.PathTooLongException error)
        {
            throw LegacyPathLimit.TooLong(path, "-" + parameterName, LegacyPathLimit.MaxPath, error);
        }

        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            throw new NotSupportedException($"-{parameterName} takes file-system paths; '{path}' is on the {provider.Name} provider.");
        }

        return resolved;
    }
}
