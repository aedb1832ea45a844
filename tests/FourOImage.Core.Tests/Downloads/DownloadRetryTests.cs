using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Tests.Waiting;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Downloads;

/// <summary>Downloads follow the documented retry policy (at most 5 attempts within 2 minutes, with backoff) across the result URL and download-url.</summary>
public class DownloadRetryTests
{
    /// <summary>The shipped attempt limit and time budget, with millisecond backoff so tests do not sleep.</summary>
    public static RetryOptions Fast { get; } = new(baseDelay: System.TimeSpan.FromMilliseconds(1), maxDelay: System.TimeSpan.FromMilliseconds(5));

    [Fact]
    public async Task Three_transient_failures_in_a_row_do_not_lose_the_image()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.ClearRequestLog();
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.BadGateway);
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Drop);
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.Truncate);

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target, Retry = Fast }).SaveAsync(task));

        Assert.True(result.Outcome == SaveOutcome.Saved, result.Error?.Message);
        Assert.True(result.UsedDownloadUrl);
        Assert.Equal(4, service.Emulator.RequestLog.Count(e => e.Host == "image"));
        Assert.Equal(1, service.Emulator.RequestLog.Count(e => e.Endpoint == EmulatorEndpoints.DownloadUrl));
        Assert.Single(folder.AllFiles());
    }

    [Fact]
    public async Task A_refused_download_url_is_asked_for_again_within_the_attempt_limit()
    {
        await using var service = await EmulatedService.StartAsync();
        using var folder = new TempFolder();
        var task = await service.FinishedTaskAsync();
        service.Emulator.ClearRequestLog();
        service.Emulator.Faults.Enqueue(EmulatorEndpoints.Image, Fault.WithHttpStatus(403), count: 2);

        var result = Assert.Single(await service.NewDownloader(new SaveOptions { Directory = folder.Target, Retry = Fast }).SaveAsync(task));

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal(new[] { "image", "download-url", "image", "download-url", "image" }, service.Emulator.RequestLog.Select(e => e.Endpoint));
    }
}
