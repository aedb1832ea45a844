using System;
using System.IO;
using FourOImage.Core.Downloads;
using FourOImage.Core.Hosting;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Core.Tests.Hosting;

/// <summary>
/// Windows PowerShell 5.1 (.NET Framework) cannot use paths of 260 characters or more; such a path is refused up front
/// with an error naming it and saying what to do. The limit is switched on here by hand; this runtime has none.
/// </summary>
public sealed class LegacyPathLimitTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "fouro-long");

    private static string PathOfLength(int length) => Root + "/" + new string('a', length - Root.Length - 1);

    [Fact]
    public void A_path_of_260_characters_or_more_is_refused_naming_it_and_the_way_out()
    {
        LegacyPathLimit.Check(PathOfLength(259), "image file", isFolder: false, applies: true);

        string tooLong = PathOfLength(260);
        var error = Assert.Throws<PathTooLongException>(() => LegacyPathLimit.Check(tooLong, "image file", isFolder: false, applies: true));
        Assert.Equal(
            $"The image file path is 260 characters long: '{tooLong}'. Windows PowerShell 5.1 (.NET Framework) cannot use paths of 260 " +
            "characters or more (248 for a folder); use a shorter folder or file name, or PowerShell 7, which has no such limit.",
            error.Message);
    }

    [Fact]
    public void A_folder_may_have_at_most_247_characters()
    {
        LegacyPathLimit.Check(PathOfLength(247), "folder", isFolder: true, applies: true);
        Assert.Throws<PathTooLongException>(() => LegacyPathLimit.Check(PathOfLength(248), "folder", isFolder: true, applies: true));
    }

    [Fact]
    public void Without_the_limit_or_with_an_extended_length_path_anything_goes()
    {
        LegacyPathLimit.Check(PathOfLength(1000), "image file", isFolder: false, applies: false);
        LegacyPathLimit.Check(@"\\?\C:\" + new string('a', 1000), "image file", isFolder: false, applies: true);
        Assert.False(LegacyPathLimit.Applies); // .NET 10: no limit
    }

    [Fact]
    public void Saving_refuses_a_long_folder_and_a_long_file_name_before_writing_anything()
    {
        var folderError = Assert.Throws<PathTooLongException>(() => new TargetFolder(PathOfLength(250), pathLimit: true));
        Assert.Contains("The folder path is 250 characters long", folderError.Message);

        var folder = new TargetFolder(PathOfLength(200), pathLimit: true);
        Assert.Throws<PathTooLongException>(() => folder.Resolve(new string('n', 55) + ".png"));
        Assert.Equal(folder.FullPath + Path.DirectorySeparatorChar + "short.png", folder.Resolve("short.png"));

        // The temporary name is longer than the final one: a name that just fits is refused when it is about to be written.
        string fits = new string('n', 255 - folder.FullPath.Length - 1) + ".png";
        folder.Resolve(fits);
        var tempError = Assert.Throws<PathTooLongException>(() => folder.NewTempPath(fits));
        Assert.Contains("temporary image file", tempError.Message);
        Assert.False(Directory.Exists(folder.FullPath));
    }

    [Fact]
    public void The_error_is_FourOImage_Area_PathTooLong_with_what_to_do()
    {
        var error = PipelineErrors.FromException(new PathTooLongException("too long"), PipelineErrors.Areas.Save, "x");
        Assert.Equal("FourOImage.Save.PathTooLong", error.ErrorId);
        Assert.Equal(PipelineErrorCategory.InvalidArgument, error.Category);
        Assert.Contains("shorter", error.RecommendedAction);
        Assert.Contains("PowerShell 7", error.RecommendedAction);
    }
}
