using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace FourOImage.Core.Hosting;

/// <summary>
/// The SHA-256 implementation for this runtime. On .NET Framework (Windows PowerShell 5.1) <c>SHA256.Create()</c> is
/// SHA256Managed, which throws when the Windows FIPS policy is enforced, so there the Windows CryptoAPI one
/// (SHA256CryptoServiceProvider, in System.Core since .NET Framework 3.5, FIPS-validated) is used. Everywhere else
/// <c>SHA256.Create()</c> already is the operating system's implementation. The dll is netstandard2.0, so the choice
/// is made at run time, by name.
/// </summary>
public static class Sha256Choice
{
    /// <summary>The implementation used on .NET Framework.</summary>
    public const string NetFrameworkTypeName =
        "System.Security.Cryptography.SHA256CryptoServiceProvider, System.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089";

    private static readonly Type? Chosen = Load(TypeNameFor(RuntimeInformation.FrameworkDescription));

    /// <summary>The assembly-qualified type to create on the runtime <paramref name="frameworkDescription"/> names; null means <c>SHA256.Create()</c>.</summary>
    public static string? TypeNameFor(string frameworkDescription) =>
        RuntimeSupport.IsNetFramework(frameworkDescription) ? NetFrameworkTypeName : null;

    /// <summary>A new SHA-256 hash object; the caller disposes it.</summary>
    public static SHA256 Create() => Chosen is null ? SHA256.Create() : (SHA256)Activator.CreateInstance(Chosen)!;

    /// <summary>The type <paramref name="typeName"/> names when it is a SHA-256 implementation that loads here; otherwise null.</summary>
    internal static Type? Load(string? typeName)
    {
        if (typeName is null)
        {
            return null;
        }

        try
        {
            Type? type = Type.GetType(typeName, throwOnError: false);
            return type != null && typeof(SHA256).IsAssignableFrom(type) ? type : null;
        }
        catch (Exception)
        {
            return null; // A broken framework install: SHA256.Create() is the only choice left.
        }
    }
}
