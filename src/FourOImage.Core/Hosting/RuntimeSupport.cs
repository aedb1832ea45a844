using System;
using System.Reflection;
using System.Runtime.InteropServices;

namespace FourOImage.Core.Hosting;

/// <summary>
/// On PowerShell 7 the runtime's own System.Text.Json serves the module (see <see cref="DependencyResolver"/>), so it
/// must be 8.0 or later: PowerShell 7.4+. The manifest can only say "PowerShell 5.1 or later", so 7.0–7.3 are turned
/// away at import with a message that says why, instead of failing later with a binding error.
/// </summary>
public static class RuntimeSupport
{
    public static readonly Version RequiredJsonVersion = new(8, 0, 0, 0);

    /// <summary>Windows PowerShell 5.1's runtime: ".NET Framework 4.8.9290.0".</summary>
    public static bool IsNetFramework(string frameworkDescription) =>
        frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    /// <summary>This process runs on .NET Framework (Windows PowerShell 5.1).</summary>
    public static bool OnNetFramework { get; } = IsNetFramework(RuntimeInformation.FrameworkDescription);

    /// <summary>Null when the module can run here, otherwise the reason it cannot.</summary>
    public static string? Problem(string frameworkDescription, Version? runtimeJsonVersion)
    {
        if (IsNetFramework(frameworkDescription))
        {
            return null; // Windows PowerShell 5.1: the module's own System.Text.Json is used.
        }

        if (runtimeJsonVersion != null && runtimeJsonVersion < RequiredJsonVersion)
        {
            return $"FourOImage needs PowerShell 7.4 or later, or Windows PowerShell 5.1: this PowerShell runs on {frameworkDescription}, " +
                $"whose System.Text.Json {runtimeJsonVersion} is older than the {RequiredJsonVersion.ToString(2)} the module needs.";
        }

        return null;
    }

    // By simple name, so the runtime answers with the version it has instead of failing to bind the one we reference.
    private static Version? RuntimeJsonVersion()
    {
        try
        {
            return Assembly.Load(new AssemblyName("System.Text.Json")).GetName().Version;
        }
        catch (Exception error) when (error is System.IO.IOException || error is BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>Throws <see cref="PlatformNotSupportedException"/> when this process cannot run the module.</summary>
    public static void EnsureSupported()
    {
        string framework = RuntimeInformation.FrameworkDescription;
        Version? json = IsNetFramework(framework) ? null : RuntimeJsonVersion();
        string? problem = Problem(framework, json);
        if (problem != null)
        {
            throw new PlatformNotSupportedException(problem);
        }
    }
}
