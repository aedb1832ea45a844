using System;
using System.IO;
using System.Reflection;
using FourOImage.Core.Hosting;
using Xunit;

namespace FourOImage.Core.Tests.Hosting;

/// <summary>
/// The AssemblyResolve handler runs for every failed load of every module in the process (Az, Pester, ...): whatever
/// it is asked and whatever lies in the folder, it answers null rather than throwing.
/// </summary>
public sealed class DependencyResolverTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fouro-resolver-").FullName;

    public DependencyResolverTests()
    {
        File.WriteAllText(Path.Combine(folder, "Broken.dll"), "not a PE file");
        File.WriteAllBytes(Path.Combine(folder, "Empty.dll"), Array.Empty<byte>());
        Directory.CreateDirectory(Path.Combine(folder, "Folder.dll"));
        File.Copy(typeof(DependencyResolver).Assembly.Location, Path.Combine(folder, "FourOImage.Core.dll"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(",")]
    [InlineData("System.Text.Json, Version=not-a-version")]
    [InlineData("System.Text.Json, Version=1.2.3.4.5")]
    [InlineData("Broken, Culture=no-such-culture-xx")]
    [InlineData("Broken, PublicKeyToken=zz")]
    [InlineData("Broken, Version=1.0.0.0")]
    [InlineData("Empty")]
    [InlineData("Folder")]
    [InlineData("../Broken")]
    [InlineData("..\\Broken")]
    [InlineData("a\0b")]
    [InlineData("Missing, Version=1.0.0.0")]
    [InlineData("FourOImage.Core, Version=999.0.0.0")]
    public void Bad_names_and_bad_files_are_answered_with_null(string? name)
    {
        Assert.Null(DependencyResolver.Resolve(folder, name));
    }

    [Fact]
    public void A_folder_that_is_not_there_is_answered_with_null()
    {
        Assert.Null(DependencyResolver.Resolve(Path.Combine(folder, "gone"), "FourOImage.Core"));
        Assert.Null(DependencyResolver.Resolve(Path.Combine(folder, "Broken.dll"), "FourOImage.Core"));
        Assert.Null(DependencyResolver.Resolve(new string('x', 40000), "FourOImage.Core"));
        Assert.Null(DependencyResolver.Resolve("\0", "FourOImage.Core"));
    }

    [Fact]
    public void An_unreadable_file_is_no_candidate()
    {
        Assert.Null(DependencyResolver.FindCandidate(folder, new AssemblyName("Broken")));
        Assert.Null(DependencyResolver.FindCandidate(folder, new AssemblyName("Empty")));
    }

    [Fact]
    public void A_good_file_at_the_version_asked_is_still_found()
    {
        string expected = Path.Combine(folder, "FourOImage.Core.dll");
        Assert.Equal(expected, DependencyResolver.FindCandidate(folder, new AssemblyName("FourOImage.Core, Version=0.0.0.1")));
        Assert.NotNull(DependencyResolver.Resolve(folder, "FourOImage.Core, Version=0.0.0.1"));
    }
}
