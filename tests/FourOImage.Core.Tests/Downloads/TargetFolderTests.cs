using System;
using System.IO;
using FourOImage.Core.Downloads;
using Xunit;

namespace FourOImage.Core.Tests.Downloads;

public class TargetFolderTests
{
    private readonly TargetFolder folder = new(Path.Combine(Path.GetTempPath(), "fouro-target", "out") + Path.DirectorySeparatorChar);

    [Fact]
    public void A_plain_name_resolves_directly_inside_the_folder()
    {
        var path = folder.Resolve("a_0.png");

        Assert.Equal(Path.Combine(folder.FullPath, "a_0.png"), path);
        Assert.False(folder.FullPath.EndsWith(Path.DirectorySeparatorChar));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../x.png")]
    [InlineData("sub/x.png")]
    [InlineData("/tmp/x.png")]
    [InlineData(".")]
    public void A_name_that_leaves_the_folder_or_names_a_subfolder_is_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => folder.Resolve(name));

        Assert.Contains(folder.FullPath, error.Message);
    }

    [Fact]
    public void Temporary_names_are_hidden_unique_and_beside_the_final_file()
    {
        var first = folder.NewTempPath("a_0.png");
        var second = folder.NewTempPath("a_0.png");

        Assert.NotEqual(first, second);
        Assert.Equal(folder.FullPath, Path.GetDirectoryName(first));
        Assert.StartsWith(".a_0.png.", Path.GetFileName(first));
        Assert.EndsWith(".partial", first);
    }
}
