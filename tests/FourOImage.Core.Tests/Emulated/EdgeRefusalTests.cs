using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>The firewall in front of the service: its HTML or text 403 is its own error, and the module always says who it is.</summary>
public class EdgeRefusalTests
{
    [Fact]
    public async Task A_text_403_from_the_edge_is_an_edge_refusal_not_a_bad_key()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        emulator.Faults.Enqueue("generate", Fault.EdgeRefusal, 3);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        Assert.Equal(ApiErrorKind.EdgeRefused, error.Kind);
        Assert.Equal(403, error.HttpStatus);
        Assert.False(error.TaskMayExist);
        Assert.Contains("error code: 1010", error.Message);
        Assert.Contains("firewall", error.Message);
        Assert.DoesNotContain("Check the API key", error.Message);
        Assert.Equal(1, TestEmulator.Count(emulator, "generate"));
        var record = PipelineErrors.FromException(error, PipelineErrors.Areas.Generate, null);
        Assert.Equal("FourOImage.Generate.EdgeRefused", record.ErrorId);
        Assert.DoesNotContain("Check the API key", record.RecommendedAction ?? string.Empty);
    }

    [Fact]
    public async Task An_html_403_is_an_edge_refusal_too_but_a_403_in_the_envelope_is_a_key_problem()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        emulator.Faults.Enqueue("credit", Fault.WithHttpStatus(403), 1);
        var html = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());
        Assert.Equal(ApiErrorKind.EdgeRefused, html.Kind);
        Assert.Equal("FourOImage.Credit.EdgeRefused", PipelineErrors.FromException(html, PipelineErrors.Areas.Credit, null).ErrorId);

        emulator.Faults.Enqueue("credit", Fault.WithBodyCode(403), 1);
        var envelope = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());
        Assert.Equal(ApiErrorKind.Unauthorized, envelope.Kind);
    }

    [Fact]
    public async Task Every_request_of_the_module_carries_its_user_agent()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        using var folder = new Downloads.TempFolder();
        var png = Path.Combine(folder.Root, "in.png");
        File.WriteAllBytes(png, UploadTests.Png);

        await client.GetCreditAsync();
        await client.UploadFileAsync(png);
        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "x" });
        var task = await TestEmulator.FinishAsync(emulator, client, taskId);
        var fresh = await client.GetDownloadUrlAsync(taskId, task.ResultUrls[0]);
        using (await client.GetImageAsync(new Uri(task.ResultUrls[0])))
        using (await client.GetImageAsync(fresh))
        {
        }

        var log = emulator.RequestLog;
        Assert.Equal(
            new[] { "credit", "download-url", "generate", "image", "record-info", "upload" },
            log.Select(e => e.Endpoint).Distinct().OrderBy(e => e, StringComparer.Ordinal));
        Assert.All(log, e => Assert.Matches(@"^FourOImage/\d+\.\d+\.\d+ \(", e.UserAgent));
    }
}
