using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Metadata;
using Xunit;

namespace FourOImage.Core.Tests.Metadata;

/// <summary>
/// A sidecar's name is claimed as its image's is, never replacing another image's: two saves of different images to
/// one free name at the same instant (two processes) interleaved step by step.
/// </summary>
public sealed class SidecarClaimTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fouro-sidecar-").FullName;
    private int temps;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Final => Path.Combine(directory, "x.png");

    private string Sidecar => Final + ".json";

    [Fact]
    public void Of_two_saves_to_one_free_name_the_second_does_not_replace_the_first_ones_sidecar()
    {
        string first = Download("first", TestPng.Rgb(4, 3).ContentCredentials().Bytes());
        string second = Download("second", TestPng.Rgb(5, 3).ContentCredentials().Bytes());

        PreparedImage? mine = SavedImageMetadata.Prepare(first, Final, Facts("task-a"), replace: false, NewTemp);
        PreparedImage? theirs = SavedImageMetadata.Prepare(second, Final, Facts("task-b"), replace: false, NewTemp);

        Assert.Equal(Sidecar, mine!.CreatedSidecar);
        Assert.Null(theirs); // the name is taken: the second image must look for another one
        Assert.Equal("task-a", Recorded());
    }

    [Fact]
    public async Task A_save_that_loses_the_image_name_to_another_image_takes_its_sidecar_back()
    {
        // The other process's image (facts in its PNG chunks, so no sidecar) took the name between our look and our rename.
        byte[] theirs = TestPng.Rgb(6, 2).Bytes();
        File.WriteAllBytes(Final, theirs);
        string download = Download("mine", TestPng.Rgb(4, 3).ContentCredentials().Bytes());

        var (bytes, _, _) = await Writer().PlaceAsync(download, Final, replace: false, Facts("task-b"), Target("task-b"), CancellationToken.None);

        Assert.Null(bytes);
        Assert.False(File.Exists(Sidecar));
        Assert.Equal(theirs, File.ReadAllBytes(Final));
    }

    [Fact]
    public async Task A_sidecar_left_by_the_same_image_is_replaced_and_one_left_by_another_image_keeps_the_name()
    {
        string stale = Download("stale", TestPng.Rgb(4, 3).ContentCredentials().Bytes());
        Assert.NotNull(SavedImageMetadata.Prepare(stale, Final, Facts("task-a"), replace: false, NewTemp)); // its image was never renamed into place

        string other = Download("other", TestPng.Rgb(5, 3).ContentCredentials().Bytes());
        var (taken, _, _) = await Writer().PlaceAsync(other, Final, replace: false, Facts("task-b"), Target("task-b"), CancellationToken.None);
        Assert.Null(taken);
        Assert.Equal("task-a", Recorded());

        var (placed, placement, _) = await Writer().PlaceAsync(stale, Final, replace: false, Facts("task-a"), Target("task-a"), CancellationToken.None);
        Assert.NotNull(placed);
        Assert.Equal(MetadataPlacement.Sidecar, placement);
        Assert.Equal("task-a", ImageInfoReader.Read(Final).TaskId);
    }

    private ImageFileWriter Writer() => new(new TargetFolder(directory), new SaveOptions { Directory = directory, StallTimeout = TimeSpan.FromSeconds(30) });

    private ImageTarget Target(string taskId) => new(taskId, 0, "https://images.example.test/x.png", "x.png", Final);

    private static ImageInfo Facts(string taskId) => new() { TaskId = taskId, Index = 0, Variants = 1, Prompt = "a fox", Software = ImageFacts.Software };

    private string? Recorded()
    {
        var info = new ImageInfo();
        Assert.True(ImageFacts.TryReadJson(File.ReadAllText(Sidecar), info));
        return info.TaskId;
    }

    private string Download(string name, byte[] bytes)
    {
        string path = Path.Combine(directory, $".{name}.partial");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string NewTemp(string fileName) => Path.Combine(directory, $".{fileName}.{++temps}.partial");
}
