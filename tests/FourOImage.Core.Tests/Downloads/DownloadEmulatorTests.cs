using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Tests.Waiting;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Downloads;

/// <summary>The downloader with the real client against the emulator's API and image host over loopback.</summary>
public class DownloadEmulatorTests
{
    private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    [Fact]
    public async Task Every_variant_is_saved_verified_under_the_default_name_and_the_key_never_reaches_the_image_host()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync(variants: 2);
        var reported = new ConcurrentQueue<SaveResult>();

        var results = await service.NewDownloader(new SaveOptions { Directory = folder.Target }).SaveAsync(task, CancellationToken.None, reported.Enqueue);

        Assert.Equal(new[] { 0, 1 }, results.Select(r => r.Index));
        Assert.All(results, r => Assert.Equal(SaveOutcome.Saved, r.Outcome));
        Assert.Equal(results.OrderBy(r => r.Index), reported.OrderBy(r => r.Index));
        Assert.Equal(new[] { $"out{Path.DirectorySeparatorChar}{task.TaskId}_0.png", $"out{Path.DirectorySeparatorChar}{task.TaskId}_1.png" }, folder.AllFiles());
        foreach (var result in results)
        {
            var bytes = File.ReadAllBytes(result.FilePath);
            Assert.Equal(result.Bytes, bytes.Length);
            Assert.Equal(PngSignature, bytes.Take(8));
            Assert.False(result.UsedDownloadUrl);
        }

        var imageRequests = service.Emulator.RequestLog.Where(e => e.Host == "image").ToList();
        Assert.Equal(2, imageRequests.Count);
        Assert.All(imageRequests, e => Assert.False(e.HadAuthorization, e.Path));
        Assert.All(service.Emulator.RequestLog.Where(e => e.Host == "api"), e => Assert.True(e.HadAuthorization, e.Path));
    }

    [Fact]
    public async Task An_existing_image_is_skipped_without_a_request_unless_overwrite_is_asked_for()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        await service.NewDownloader(new SaveOptions { Directory = folder.Target }).SaveAsync(task);
        service.Emulator.ClearRequestLog();

        var skipped = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Skipped, skipped.Outcome);
        Assert.Equal(SaveResult.SkippedExists, skipped.Reason);
        Assert.Equal(new FileInfo(skipped.FilePath).Length, skipped.Bytes);
        Assert.DoesNotContain(service.Emulator.RequestLog, e => e.Host == "image");

        File.WriteAllBytes(skipped.FilePath, PngSignature);
        var overwritten = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target, Overwrite = true }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Saved, overwritten.Outcome);
        Assert.True(new FileInfo(overwritten.FilePath).Length > PngSignature.Length);
        Assert.Single(folder.AllFiles());
    }

    [Fact]
    public async Task A_broken_existing_file_is_not_counted_as_saved_and_is_left_alone_without_overwrite()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync(variants: 2);
        Directory.CreateDirectory(folder.Target);
        var empty = Path.Combine(folder.Target, $"{task.TaskId}_0.png");
        var html = Path.Combine(folder.Target, $"{task.TaskId}_1.png");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        File.WriteAllText(html, "<html>error</html>");

        var results = await service.NewDownloader(new SaveOptions { Directory = folder.Target }).SaveAsync(task);

        Assert.All(results, r => Assert.Equal(SaveOutcome.Failed, r.Outcome));
        Assert.All(results, r => Assert.Contains("not a valid image", r.Error!.Message));
        Assert.Empty(File.ReadAllBytes(empty));
        Assert.Equal("<html>error</html>", File.ReadAllText(html));

        var repaired = await service.NewDownloader(new SaveOptions { Directory = folder.Target, Overwrite = true }).SaveAsync(task);

        Assert.All(repaired, r => Assert.Equal(SaveOutcome.Saved, r.Outcome));
        Assert.Equal(PngSignature, File.ReadAllBytes(empty).Take(8));
        Assert.Equal(PngSignature, File.ReadAllBytes(html).Take(8));
    }

    [Fact]
    public async Task A_folder_in_the_way_of_the_file_fails_that_image_and_leaves_no_temporary_file()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        var inTheWay = Path.Combine(folder.Target, $"{task.TaskId}_0.png");
        Directory.CreateDirectory(inTheWay);

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target, Overwrite = true }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        Assert.Contains("could not be written to", result.Error!.Message);
        Assert.Empty(folder.AllFiles());
        Assert.True(Directory.Exists(inTheWay));
        Assert.DoesNotContain(service.Emulator.RequestLog, e => e.Endpoint == EmulatorEndpoints.DownloadUrl);
    }

    [Fact]
    public async Task A_body_cut_short_on_every_try_fails_and_leaves_no_file_at_all()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Truncate, count: 6);

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target, Retry = DownloadRetryTests.Fast }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        Assert.IsType<ImageDownloadException>(result.Error);
        Assert.Contains("Gave up after 5 attempts", result.Error!.Message);
        Assert.Empty(folder.AllFiles());
        Assert.Equal(5, service.Emulator.RequestLog.Count(e => e.Host == "image"));
    }

    [Fact]
    public async Task A_refused_direct_url_falls_back_to_a_fresh_download_url()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.ClearRequestLog();
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.WithHttpStatus(403));

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.True(result.UsedDownloadUrl);
        Assert.Equal(PngSignature, File.ReadAllBytes(result.FilePath).Take(8));
        var log = service.Emulator.RequestLog;
        Assert.Equal(new[] { "image", "download-url", "image" }, log.Select(e => e.Endpoint));
        Assert.Equal(new[] { 403, 200 }, log.Where(e => e.Host == "image").Select(e => e.HttpStatus));
        Assert.All(log.Where(e => e.Host == "image"), e => Assert.False(e.HadAuthorization));
    }

    [Fact]
    public async Task Transient_faults_on_the_image_host_lose_no_image()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var tasks = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => service.FinishedTaskAsync($"harbour {i}")));
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Truncate);
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.BadGateway);
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Drop);
        var clock = new ManualClock { AutoAdvance = true }; // the backoff between attempts passes at once
        var downloader = service.NewDownloader(new SaveOptions { Directory = folder.Target, MaxParallel = 2, Clock = clock });

        var results = (await Task.WhenAll(tasks.Select(t => downloader.SaveAsync(t)))).SelectMany(r => r).ToList();

        Assert.All(results, r => Assert.True(r.Outcome == SaveOutcome.Saved, r.Error?.Message));
        // Each fault sends one image to the download-url path; two can hit the same image (direct, then its first retry).
        Assert.InRange(results.Count(r => r.UsedDownloadUrl), 2, 3);
        Assert.Equal(6, folder.AllFiles().Length);
        Assert.Equal(0, service.Emulator.Faults.PendingScripted(EmulatorEndpoints.Image));
    }

    [Fact]
    public async Task Expired_results_fail_with_both_reasons_and_leave_nothing()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.AdvanceClock(TimeSpan.FromDays(15));

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        Assert.Contains("HTTP 404", result.Error!.Message);
        Assert.Contains("14 days", result.Error.Message);
        Assert.Equal(404, Assert.IsType<ImageDownloadException>(result.Error).HttpStatus);
        Assert.Empty(folder.AllFiles());
    }

    [Fact]
    public async Task Cancelling_midway_leaves_neither_a_partial_nor_a_final_file()
    {
        await using var service = await EmulatedService.StartAsync(o => o.ImageBytesPerSecond = 64 * 1024);
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync(variants: 2);
        using var cancel = new CancellationTokenSource();

        var save = service.NewDownloader(new SaveOptions { Directory = folder.Target }).SaveAsync(task, cancel.Token);
        for (var i = 0; i < 400 && !folder.AllFiles().Any(f => f.EndsWith(".partial", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(25);
        }

        Assert.Contains(folder.AllFiles(), f => Path.GetFileName(f).StartsWith($".{task.TaskId}_", StringComparison.Ordinal));
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => save);
        Assert.Empty(folder.AllFiles());
    }

    [Fact]
    public async Task A_download_that_stalls_fails_instead_of_hanging_and_leaves_no_file()
    {
        // On the downloader's clock the stall limit passes each time it is armed, before any byte is read: the host
        // stalls as far as the downloader can tell. The backoff between the attempts passes at once.
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        var stall = TimeSpan.FromMilliseconds(150);
        var clock = new ManualClock { AutoAdvance = true };
        clock.Armed += delay =>
        {
            if (delay == stall)
            {
                clock.Advance(stall);
            }
        };

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target, StallTimeout = stall, Clock = clock }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        Assert.Contains("no data arrived for 0.15 s", result.Error!.Message);
        Assert.Contains("Gave up after 5 attempts", result.Error.Message);
        Assert.Equal(4, clock.Delays.Count);
        Assert.Empty(folder.AllFiles());
    }

    [Fact]
    public async Task No_task_id_prompt_or_template_can_put_a_file_outside_the_folder()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var real = await service.FinishedTaskAsync(variants: 2);
        var hostile = new ImageTask("../../" + real.TaskId)
        {
            Status = TaskState.Success,
            ResultUrls = real.ResultUrls,
            Prompt = "..\\..\\windows/system32/../../etc/passwd",
            Size = "../1:1",
        };

        var results = await service.NewDownloader(new SaveOptions { Directory = folder.Target, FileNameTemplate = "{TaskId}{Prompt}{Size}{Index}" }).SaveAsync(hostile);

        Assert.All(results, r => Assert.Equal(SaveOutcome.Saved, r.Outcome));
        Assert.All(results, r => Assert.Equal(Path.GetFullPath(folder.Target), Path.GetDirectoryName(r.FilePath)));
        Assert.All(folder.AllFiles(), f => Assert.StartsWith("out" + Path.DirectorySeparatorChar, f));
        Assert.Equal(2, folder.AllFiles().Length);
        foreach (var template in new[] { "../{TaskId}.png", "..\\{TaskId}.png", "/tmp/{TaskId}.png", "sub/{Index}.png" })
        {
            var error = Assert.Throws<ArgumentException>(() => service.NewDownloader(new SaveOptions { Directory = folder.Target, FileNameTemplate = template }));
            Assert.Equal("FileNameTemplate", error.ParamName);
        }
    }

    [Fact]
    public async Task Unfinished_and_failed_tasks_are_refused_with_the_reason()
    {
        await using var service = await EmulatedService.StartAsync(o => o.FixedGenerationTime = TimeSpan.FromHours(1));
        using var folder = new TempFolder();
        service.Emulator.Faults.RefusedWords = new[] { "forbidden" };
        var running = await service.Client.GetTaskAsync(await service.Client.GenerateAsync(new GenerateRequest { Prompt = "slow" }));
        var refusedId = await service.Client.GenerateAsync(new GenerateRequest { Prompt = "forbidden thing" });
        service.Emulator.AdvanceClock(TimeSpan.FromHours(2));
        var refused = await service.Client.GetTaskAsync(refusedId);
        var downloader = service.NewDownloader(new SaveOptions { Directory = folder.Target });

        var notYet = await Assert.ThrowsAsync<TaskNotSucceededException>(() => downloader.SaveAsync(running));
        var failed = await Assert.ThrowsAsync<TaskNotSucceededException>(() => downloader.SaveAsync(refused));

        Assert.Contains("still generating", notYet.Message);
        Assert.Equal(TaskState.Failed, failed.Status);
        Assert.Contains(refused.ErrorMessage!, failed.Message);
        Assert.Equal(refused.ErrorCode, failed.ErrorCode);
        Assert.Empty(folder.AllFiles());
    }

    [Fact]
    public async Task Indexes_pick_variants_and_a_missing_index_is_reported()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync(variants: 2);

        var results = await service.NewDownloader(new SaveOptions { Directory = folder.Target, Indexes = new[] { 3, 1 } }).SaveAsync(task);

        Assert.Equal(new[] { 1, 3 }, results.Select(r => r.Index));
        Assert.Equal(SaveOutcome.Saved, results[0].Outcome);
        Assert.Equal(SaveOutcome.Failed, results[1].Outcome);
        Assert.Contains("no image 3", results[1].Error!.Message);
        Assert.Equal(new[] { $"out{Path.DirectorySeparatorChar}{task.TaskId}_1.png" }, folder.AllFiles());
    }

    [Fact]
    public async Task A_template_without_index_gives_each_variant_a_name_of_its_own()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync(prompt: "twin ships", variants: 2);

        var results = await service.NewDownloader(new SaveOptions { Directory = folder.Target, FileNameTemplate = "{Prompt}.png" }).SaveAsync(task);

        Assert.All(results, r => Assert.Equal(SaveOutcome.Saved, r.Outcome));
        Assert.Equal(new[] { "twin-ships (2).png", "twin-ships.png" }, results.Select(r => Path.GetFileName(r.FilePath)).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Single(results, r => r.RenamedFrom == "twin-ships.png");
    }

    [Fact]
    public async Task ShouldSave_is_asked_per_file_before_anything_is_downloaded()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync(variants: 2);
        service.Emulator.ClearRequestLog();
        var asked = new ConcurrentQueue<(string Path, int Index)>();
        var options = new SaveOptions
        {
            Directory = folder.Target,
            ShouldSave = (path, index, ct) =>
            {
                asked.Enqueue((path, index));
                return Task.FromResult(index == 1);
            },
        };

        var results = await service.NewDownloader(options).SaveAsync(task);

        Assert.Equal(new[] { 0, 1 }, asked.Select(a => a.Index));
        Assert.Equal(results.Select(r => r.FilePath), asked.Select(a => a.Path));
        Assert.Equal((SaveOutcome.Skipped, SaveResult.SkippedDeclined), (results[0].Outcome, results[0].Reason));
        Assert.Equal(SaveOutcome.Saved, results[1].Outcome);
        Assert.Single(service.Emulator.RequestLog, e => e.Host == "image");

        asked.Clear();
        var again = await service.NewDownloader(options).SaveAsync(task);

        Assert.Equal(new[] { 0 }, asked.Select(a => a.Index));
        Assert.Equal(SaveResult.SkippedExists, again[1].Reason);
    }

    [Fact]
    public async Task Declining_every_file_leaves_the_target_folder_uncreated()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync(variants: 2);
        var options = new SaveOptions { Directory = folder.Target, ShouldSave = (path, index, ct) => Task.FromResult(false) };

        var results = await service.NewDownloader(options).SaveAsync(task);

        Assert.All(results, r => Assert.Equal(SaveOutcome.Skipped, r.Outcome));
        Assert.False(Directory.Exists(folder.Target));
    }

    [Fact]
    public async Task One_downloader_serving_many_tasks_keeps_to_its_parallel_bound()
    {
        await using var service = await EmulatedService.StartAsync(o => o.ImageBytesPerSecond = 2 * 1024 * 1024);
        using var folder = new TempFolder();
        var tasks = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => service.FinishedTaskAsync($"island {i}", variants: 2)));
        var probe = new ConcurrencyProbe(service.Client.GetImageAsync);
        var downloader = new ImageDownloader(probe.GetImageAsync, service.Client.GetDownloadUrlAsync, new SaveOptions { Directory = folder.Target, MaxParallel = 3 });

        var results = (await Task.WhenAll(tasks.Select(t => downloader.SaveAsync(t)))).SelectMany(r => r).ToList();

        Assert.Equal(8, results.Count(r => r.Outcome == SaveOutcome.Saved));
        Assert.InRange(probe.MaxOpen, 1, 3);
        Assert.Equal(8, folder.AllFiles().Length);
    }
}
