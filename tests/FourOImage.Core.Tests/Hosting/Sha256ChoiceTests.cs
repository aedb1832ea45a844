using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using FourOImage.Core.Hosting;
using Xunit;

namespace FourOImage.Core.Tests.Hosting;

/// <summary>
/// FIPS: on .NET Framework SHA256.Create() is SHA256Managed, which throws under an enforced FIPS policy; the journal's
/// hashes must come from the CryptoAPI implementation there, and from SHA256.Create() everywhere else.
/// </summary>
public sealed class Sha256ChoiceTests
{
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    private const string AbcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Theory]
    [InlineData(".NET Framework 4.8.9290.0")]   // Windows PowerShell 5.1 on .NET Framework 4.8.1
    [InlineData(".NET Framework 4.7.3062.0")]   // ... on .NET Framework 4.7.2
    public void On_NET_Framework_the_FIPS_validated_CryptoAPI_implementation_is_chosen(string framework)
    {
        Assert.Equal(
            "System.Security.Cryptography.SHA256CryptoServiceProvider, System.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089",
            Sha256Choice.TypeNameFor(framework));
    }

    [Theory]
    [InlineData(".NET 8.0.11")]                 // PowerShell 7.4
    [InlineData(".NET 10.0.0")]                 // PowerShell 7.6
    public void Elsewhere_SHA256_Create_is_used(string framework)
    {
        Assert.Null(Sha256Choice.TypeNameFor(framework));
    }

    [Fact]
    public void The_NET_Framework_type_name_names_a_real_SHA256_that_hashes_correctly()
    {
        // .NET keeps System.Core as a facade that forwards the type, so the very name used on .NET Framework loads here.
        Type? type = Sha256Choice.Load(Sha256Choice.NetFrameworkTypeName);
        Assert.NotNull(type);
        Assert.Equal("SHA256CryptoServiceProvider", type!.Name);
        using var sha = (SHA256)Activator.CreateInstance(type)!;
        Assert.Equal(AbcDigest, Convert.ToHexString(sha.ComputeHash(Encoding.ASCII.GetBytes("abc"))).ToLowerInvariant());
    }

    [Theory]
    [InlineData("System.Security.Cryptography.MD5CryptoServiceProvider, System.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")]
    [InlineData("No.Such.Type, No.Such.Assembly")]
    [InlineData("not a [type name")]
    public void A_name_that_is_not_a_loadable_SHA256_falls_back_to_SHA256_Create(string typeName)
    {
        Assert.Null(Sha256Choice.Load(typeName));
    }

    [Fact]
    public void The_chosen_hash_here_is_SHA256()
    {
        using var sha = Sha256Choice.Create();
        Assert.Equal(AbcDigest, Convert.ToHexString(sha.ComputeHash(Encoding.ASCII.GetBytes("abc"))).ToLowerInvariant());
    }

    [Fact]
    public void No_shipped_code_creates_a_hash_any_other_way()
    {
        string src = Path.Combine(RepoRoot(), "src");
        var offenders = new[] { "FourOImage.Core", "FourOImage" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(src, project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && Path.GetFileName(file) != "Sha256Choice.cs")
            .Where(file => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(file), @"\b(SHA\d+|MD5|HMAC\w*)(Managed|Cng|CryptoServiceProvider)?\s*\.\s*Create\s*\(|new\s+(SHA\d+|MD5|HMAC\w*)"))
            .ToList();
        Assert.Empty(offenders);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "FourOImage.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("FourOImage.sln not found above " + AppContext.BaseDirectory);
    }
}
