using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>The key goes to the API host only, and into no message, diagnostics line or exception text.</summary>
public class KeySafetyTests
{
    [Fact]
    public async Task The_image_host_never_receives_the_key()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "x", Variants = 2 });
        var task = await TestEmulator.FinishAsync(emulator, client, taskId);
        var presigned = await client.GetDownloadUrlAsync(taskId, task.ResultUrls[0]);

        foreach (var url in task.ResultUrls.Select(u => new Uri(u)).Append(presigned))
        {
            using var response = await client.GetImageAsync(url);
            response.EnsureSuccessStatusCode();
        }

        var images = emulator.RequestLog.Where(e => e.Host == "image").ToList();
        Assert.Equal(3, images.Count);
        Assert.All(images, e => Assert.False(e.HadAuthorization));
        Assert.All(emulator.RequestLog.Where(e => e.Host == "api"), e => Assert.True(e.HadAuthorization));
    }

    [Fact]
    public async Task The_key_is_in_no_exception_or_diagnostics_line_whatever_fails()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var key = emulator.ApiKey;
        var lines = new ConcurrentQueue<string>();
        var client = TestEmulator.ClientFor(emulator, lines, o => o.WithRequestTimeout(TimeSpan.FromMilliseconds(300)));
        var errors = new List<Exception>();

        async Task Collect(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }

        emulator.Faults.Enqueue("generate", Fault.Drop, 1);
        await Collect(() => client.GenerateAsync(new GenerateRequest { Prompt = key }));
        emulator.Faults.Enqueue("generate", Fault.Slow(TimeSpan.FromSeconds(5)), 1);
        await Collect(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));
        emulator.Faults.Enqueue("credit", Fault.BadGateway, 10);
        await Collect(() => client.GetCreditAsync());
        await Collect(() => client.GetTaskAsync(key));
        await Collect(() => client.GetDownloadUrlAsync(key, "https://example.com/" + key));
        emulator.SetCredits(key, 0);
        await Collect(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        Assert.Equal(6, errors.Count);
        Assert.All(errors, e => Assert.DoesNotContain(key, e.ToString()));
        Assert.All(errors.OfType<FourOImageApiException>(), e => Assert.DoesNotContain(key, e.ServiceMessage ?? string.Empty));
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.DoesNotContain(key, l));
    }

    [Fact]
    public async Task The_key_follows_the_origin_not_the_machine()
    {
        await using var emulator = await TestEmulator.StartAsync();

        // Same emulator under a second name: as far as the client knows, a separate upload host.
        var uploadHost = new UriBuilder(emulator.ApiBaseUrl) { Host = "localhost" }.Uri;
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithUploadBaseUrl(uploadHost));
        var png = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fouroimage-origin-{Guid.NewGuid():N}.png");
        System.IO.File.WriteAllBytes(png, new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 });
        try
        {
            await client.UploadFileAsync(png);
            using var viaOtherName = await client.GetImageAsync(new Uri(uploadHost, "api/v1/chat/credit"));
            using var viaApiName = await client.GetImageAsync(new Uri(emulator.ApiBaseUrl, "api/v1/chat/credit"));
        }
        finally
        {
            System.IO.File.Delete(png);
        }

        var log = emulator.RequestLog;
        Assert.True(Assert.Single(log, e => e.Endpoint == "upload").HadAuthorization);
        Assert.Equal(new[] { false, true }, log.Where(e => e.Endpoint == "credit").Select(e => e.HadAuthorization));
    }

    [Fact]
    public async Task A_key_on_the_api_host_itself_is_sent_for_images_served_there()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);

        using var response = await client.GetImageAsync(new Uri(emulator.ApiBaseUrl, "api/v1/chat/credit"));

        var entry = Assert.Single(emulator.RequestLog);
        Assert.Equal("api", entry.Host);
        Assert.True(entry.HadAuthorization);
    }
}
