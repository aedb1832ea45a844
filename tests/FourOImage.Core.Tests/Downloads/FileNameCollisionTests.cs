using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Metadata;
using FourOImage.Core.Tests.Metadata;
using FourOImage.Core.Tests.Waiting;
using Xunit;

namespace FourOImage.Core.Tests.Downloads;

/// <summary>
/// Two images never share a file: a name already taken (by another image of this save, or by another file on disk) gives
/// the new image a name of its own, and a file is skipped only when it is that very image (a re-run).
/// </summary>
public class FileNameCollisionTests
{
    private const string PromptTemplate = "{Prompt}_{Index}.{Ext}";

    [Fact]
    public async Task Three_tasks_with_one_prompt_saved_at_once_get_three_files()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var tasks = await Task.WhenAll(new[] { "1:1", "3:2", "2:3" }.Select(size => service.FinishedTaskAsync("A red fox", size: size)));
        var downloader = service.NewDownloader(new SaveOptions { Directory = folder.Target, FileNameTemplate = PromptTemplate });

        var results = (await Task.WhenAll(tasks.Select(t => downloader.SaveAsync(t)))).SelectMany(r => r).ToList();

        Assert.All(results, r => Assert.True(r.Outcome == SaveOutcome.Saved, r.Error?.Message ?? r.Reason));
        Assert.Equal(3, results.Select(r => r.FilePath).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(3, folder.AllFiles().Length);
        Assert.Contains(results, r => Path.GetFileName(r.FilePath) == "a-red-fox_0.png");
        foreach (var (task, result) in tasks.Zip(results))
        {
            var info = ImageInfoReader.Read(result.FilePath);
            Assert.Equal((task.TaskId, 0), (info.TaskId, info.Index));
        }
    }

    [Fact]
    public async Task A_rerun_finds_each_image_where_it_was_saved_and_writes_nothing()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var tasks = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => service.FinishedTaskAsync("A red fox", variants: 2)));
        var options = new SaveOptions { Directory = folder.Target, FileNameTemplate = PromptTemplate };
        var first = (await Task.WhenAll(tasks.Select(t => service.NewDownloader(options).SaveAsync(t)))).SelectMany(r => r).ToList();
        var before = folder.AllFiles();
        service.Emulator.ClearRequestLog();

        // Saved in reverse order this time: every image must still be found under the name it got the first time.
        var again = (await Task.WhenAll(tasks.Reverse().Select(t => service.NewDownloader(options).SaveAsync(t)))).SelectMany(r => r).ToList();

        Assert.Equal(6, first.Select(r => r.FilePath).Distinct().Count());
        Assert.All(again, r => Assert.Equal((SaveOutcome.Skipped, SaveResult.SkippedExists), (r.Outcome, r.Reason)));
        Assert.Equal(
            first.Select(r => (r.TaskId, r.Index, r.FilePath)).OrderBy(x => x.FilePath),
            again.Select(r => (r.TaskId, r.Index, r.FilePath)).OrderBy(x => x.FilePath));
        Assert.Equal(before, folder.AllFiles());
        Assert.DoesNotContain(service.Emulator.RequestLog, e => e.Host == "image");
    }

    [Fact]
    public async Task Without_metadata_a_rerun_compares_the_image_itself()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var tasks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => service.FinishedTaskAsync("A red fox")));
        var options = new SaveOptions { Directory = folder.Target, FileNameTemplate = PromptTemplate, WriteMetadata = false };
        var first = (await Task.WhenAll(tasks.Select(t => service.NewDownloader(options).SaveAsync(t)))).SelectMany(r => r).ToList();

        var again = (await Task.WhenAll(tasks.Reverse().Select(t => service.NewDownloader(options).SaveAsync(t)))).SelectMany(r => r).ToList();

        Assert.Equal(2, first.Select(r => r.FilePath).Distinct().Count());
        Assert.All(again, r => Assert.Equal(SaveOutcome.Skipped, r.Outcome));
        Assert.Equal(
            first.Select(r => (r.TaskId, r.FilePath)).OrderBy(x => x.FilePath),
            again.Select(r => (r.TaskId, r.FilePath)).OrderBy(x => x.FilePath));
        Assert.Equal(2, folder.AllFiles().Length);
    }

    [Fact]
    public async Task Another_file_at_the_name_is_left_alone_and_the_image_gets_a_name_of_its_own()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync("A red fox");
        Directory.CreateDirectory(folder.Target);
        var someoneElses = Path.Combine(folder.Target, "a-red-fox_0.png");
        var theirs = TestPng.Rgb(8, 8).Bytes();
        File.WriteAllBytes(someoneElses, theirs);

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target, FileNameTemplate = PromptTemplate }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal("a-red-fox_0 (2).png", Path.GetFileName(result.FilePath));
        Assert.Equal(theirs, File.ReadAllBytes(someoneElses));
    }

    [Fact]
    public async Task Names_that_differ_only_in_case_or_are_device_names_do_not_collide()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var tasks = await Task.WhenAll(service.FinishedTaskAsync("CON"), service.FinishedTaskAsync("con"));
        var downloader = service.NewDownloader(new SaveOptions { Directory = folder.Target, FileNameTemplate = "{Prompt}.{Ext}" });

        var results = (await Task.WhenAll(tasks.Select(t => downloader.SaveAsync(t)))).SelectMany(r => r).ToList();

        Assert.All(results, r => Assert.Equal(SaveOutcome.Saved, r.Outcome));
        Assert.Equal(new[] { "_con (2).png", "_con.png" }, results.Select(r => Path.GetFileName(r.FilePath)).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_file_differing_only_in_case_counts_as_taken_so_the_folder_stays_valid_on_windows()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync("Red fox");
        Directory.CreateDirectory(folder.Target);
        File.WriteAllBytes(Path.Combine(folder.Target, "RED-FOX.png"), TestPng.Rgb().Bytes());

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target, FileNameTemplate = "{Prompt}.png" }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal("red-fox (2).png", Path.GetFileName(result.FilePath));
    }
}
