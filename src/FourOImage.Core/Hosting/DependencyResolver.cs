using System;
using System.IO;
using System.Reflection;
using System.Threading;

namespace FourOImage.Core.Hosting;

/// <summary>
/// A dynamic binding redirect for the module's own dependencies (System.Text.Json and its netstandard2.0 polyfills).
/// <para>
/// Windows PowerShell 5.1 has no binding redirects for modules: System.Text.Json 8 asks for, say,
/// System.Runtime.CompilerServices.Unsafe 6.0.0.0 while System.Memory asks for 4.0.4.1, and only one file ships.
/// When the normal probe fails the runtime raises AppDomain.AssemblyResolve; this handler answers with the copy in
/// the module folder if its version is at least the one asked for. It only answers for names that have a dll in the
/// module folder, so it never hands our files to other modules' unrelated requests, and never a lower version.
/// </para>
/// <para>
/// Another module having loaded an older System.Text.Json first: on 5.1 assemblies are bound by full strong name,
/// and ours are loaded with LoadFrom from the module folder, so 8.0.0.0 loads side by side with the older one
/// (this handler covers the case where the probe does not find it). On PowerShell 7 the runtime's own
/// System.Text.Json (8.0 on 7.4, newer later) is in the trusted platform assemblies and satisfies our 8.0 reference,
/// so nobody can pre-load an older one into the default load context and our copy is simply not used; no separate
/// AssemblyLoadContext is needed because nothing of ours needs a version the runtime does not already provide.
/// PowerShell 7.0–7.3 (System.Text.Json 6 or 7 in the runtime) are refused at import by <see cref="RuntimeSupport"/>.
/// </para>
/// </summary>
public static class DependencyResolver
{
    private static int s_registered;
    private static string? s_directory;

    /// <summary>Registers the handler for dependencies that live in <paramref name="moduleDirectory"/>. Idempotent.</summary>
    public static void Register(string moduleDirectory)
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            s_directory = moduleDirectory;
            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
        }
    }

    public static void Unregister()
    {
        if (Interlocked.Exchange(ref s_registered, 0) == 1)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
        }
    }

    /// <summary>
    /// The file in <paramref name="directory"/> that may stand in for <paramref name="requested"/>, or null; null too when
    /// the file cannot be read as an assembly.
    /// </summary>
    public static string? FindCandidate(string directory, AssemblyName requested)
    {
        try
        {
            if (string.IsNullOrEmpty(requested.Name) || requested.Name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                return null;
            }

            string path = Path.Combine(directory, requested.Name + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            Version? available = AssemblyName.GetAssemblyName(path).Version;
            if (requested.Version != null && (available == null || available < requested.Version))
            {
                return null;
            }

            return path;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// What the AssemblyResolve handler answers for <paramref name="requestedName"/>. The handler runs for every failed
    /// load of every module in the AppDomain, so this never throws: a malformed name, an unreadable or foreign file,
    /// anything at all, is "not ours" (null), and the runtime goes on to the next handler or reports its own error.
    /// </summary>
    internal static Assembly? Resolve(string? directory, string? requestedName)
    {
        try
        {
            if (directory == null || string.IsNullOrEmpty(requestedName))
            {
                return null;
            }

            string? path = FindCandidate(directory, new AssemblyName(requestedName));
            return path == null ? null : Assembly.LoadFrom(path);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs? args) => Resolve(s_directory, args?.Name);
}
