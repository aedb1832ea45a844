using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Tests.Waiting;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Downloads;

/// <summary>
/// A trickling, endless or broken image body ends, within the download limits and the retry policy, in an error naming
/// the task and the image, with nothing kept at the final name. Short limits, so nothing here waits long.
/// </summary>
public class HostileImageHostTests
{
    private static readonly RetryOptions TwoAttempts = new(maxAttempts: 2, baseDelay: TimeSpan.FromMilliseconds(1), maxDelay: TimeSpan.FromMilliseconds(5));

    [Fact]
    public async Task A_trickling_body_breaks_the_low_speed_rule_is_retried_and_then_reported_with_task_and_index()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.ClearRequestLog();

        // A byte every 20 ms never trips the stall limit (1 minute by default); the low-speed rule catches it.
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Trickle(TimeSpan.FromMilliseconds(20)), count: 2);
        var options = new SaveOptions { Directory = folder.Target, Retry = TwoAttempts, LowSpeedLimit = 1000, LowSpeedTime = TimeSpan.FromMilliseconds(300) };

        var result = Assert.Single(await service.NewDownloader(options).SaveAsync(task));

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        var error = Assert.IsType<ImageDownloadException>(result.Error);
        Assert.Equal((task.TaskId, 0), (error.TaskId, error.Index));
        Assert.StartsWith($"Image 0 of task {task.TaskId}: slower than 1000 bytes/s over 0.3 s", error.Message);
        Assert.Contains("Gave up after 2 attempts", error.Message);
        Assert.Equal(2, service.Emulator.RequestLog.Count(e => e.Host == "image"));
        Assert.Empty(folder.AllFiles());
    }

    [Fact]
    public async Task A_body_that_is_fast_enough_but_never_ends_in_time_meets_the_deadline()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Trickle(TimeSpan.FromMilliseconds(5)), count: 1);
        var options = new SaveOptions { Directory = folder.Target, Retry = RetryOptions.None, LowSpeedLimit = 0, ImageDeadline = TimeSpan.FromMilliseconds(400) };

        var result = Assert.Single(await service.NewDownloader(options).SaveAsync(task));

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        Assert.StartsWith($"Image 0 of task {task.TaskId}: not complete within the deadline of 0.4 s for one image", result.Error!.Message);
        Assert.Empty(folder.AllFiles());
    }

    [Fact]
    public async Task An_endless_body_is_cut_off_at_the_size_limit_and_nothing_is_kept()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Endless, count: 2);
        long largest = 0;
        var options = new SaveOptions
        {
            Directory = folder.Target,
            Retry = TwoAttempts,
            MaxImageBytes = 1_000_000,
            Receiving = (_, bytes, _) => largest = Math.Max(largest, bytes),
        };

        var result = Assert.Single(await service.NewDownloader(options).SaveAsync(task));

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        Assert.StartsWith($"Image 0 of task {task.TaskId}: the body grew past the limit of 1000000 bytes for one image", result.Error!.Message);
        Assert.InRange(largest, 1, 1_000_000);
        Assert.Empty(folder.AllFiles());
    }

    [Fact]
    public async Task A_body_announced_larger_than_the_limit_is_refused_before_it_is_read()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        long largest = 0;
        var options = new SaveOptions { Directory = folder.Target, Retry = RetryOptions.None, MaxImageBytes = 1000, Receiving = (_, bytes, _) => largest = Math.Max(largest, bytes) };

        var result = Assert.Single(await service.NewDownloader(options).SaveAsync(task));

        Assert.Contains("more than the limit of 1000 bytes for one image", result.Error!.Message);
        Assert.Equal(0, largest);
        Assert.Empty(folder.AllFiles());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_picture_with_a_broken_byte_is_retried_then_reported_and_never_kept_as_good(bool metadata)
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.ClearRequestLog();
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Corrupt, count: 2);

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target, Retry = TwoAttempts, WriteMetadata = metadata }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Failed, result.Outcome);
        Assert.Matches($"^Image 0 of task {task.TaskId}: it is not a whole PNG image: The IDAT chunk at byte \\d+ fails its CRC check", result.Error!.Message);
        Assert.Equal(2, service.Emulator.RequestLog.Count(e => e.Host == "image"));
        Assert.Empty(folder.AllFiles());
    }

    [Fact]
    public async Task One_broken_body_then_a_good_one_saves_the_good_one()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Corrupt, count: 1);

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target, Retry = TwoAttempts }).SaveAsync(task));

        Assert.True(result.Outcome == SaveOutcome.Saved, result.Error?.Message);
        Assert.Null(ImageIntegrity.Problem(result.FilePath, "image/png"));
    }

    [Fact]
    public void Jpeg_and_webp_framing_is_checked_end_to_end()
    {
        using var folder = new TempFolder();
        string Write(string name, byte[] bytes)
        {
            Directory.CreateDirectory(folder.Target);
            var path = Path.Combine(folder.Target, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        // SOI, an APP0 segment of 4 bytes, SOS with a 2-byte header, scan data with a stuffed FF 00, EOI.
        byte[] jpeg = { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9 };
        Assert.Null(ImageIntegrity.Problem(Write("a.jpg", jpeg), "image/jpeg"));
        Assert.Contains("end marker", ImageIntegrity.Problem(Write("b.jpg", jpeg.Take(jpeg.Length - 2).Concat(new byte[1000]).ToArray()), "image/jpeg"));
        Assert.Contains("runs past the end", ImageIntegrity.Problem(Write("c.jpg", jpeg.Take(7).ToArray()), "image/jpeg"));

        byte[] webp = "RIFF"u8.ToArray().Concat(BitConverter.GetBytes(4 + 8 + 3 + 1)).Concat("WEBPVP8L"u8.ToArray()).Concat(BitConverter.GetBytes(3)).Concat(new byte[] { 1, 2, 3, 0 }).ToArray();
        Assert.Null(ImageIntegrity.Problem(Write("a.webp", webp), "image/webp"));
        Assert.Contains("declares", ImageIntegrity.Problem(Write("b.webp", webp.Concat(new byte[10]).ToArray()), "image/webp"));
        var lying = (byte[])webp.Clone();
        lying[16] = 200; // the VP8L chunk claims more than the file holds
        Assert.Contains("runs past the end", ImageIntegrity.Problem(Write("c.webp", lying), "image/webp"));
    }
}
