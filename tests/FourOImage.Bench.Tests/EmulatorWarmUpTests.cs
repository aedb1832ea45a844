using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Bench.Tests;

/// <summary>The warm-up before a measured run leaves the emulator as the run should find it.</summary>
public class EmulatorWarmUpTests
{
    [Fact]
    public async Task TheWarmUpTaskDoesNotCountAgainstTheRunsFirstWindow()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { FixedGenerationTime = TimeSpan.FromSeconds(5) });

        await EmulatorWarmUp.RunAsync(emulator, TimeSpan.FromSeconds(5), emulator.SubmissionWindow.Length);

        Assert.Empty(emulator.RequestLog);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        var generate = new Uri(emulator.ApiBaseUrl, "api/v1/gpt4o-image/generate");
        for (var row = 0; row <= SubmissionWindow.DefaultLimit; row++)
        {
            using var body = new StringContent("{\"prompt\":\"a row\",\"size\":\"1:1\",\"nVariants\":1}", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(generate, body);
        }

        var generates = emulator.RequestLog.Where(e => e.Endpoint == "generate").ToList();
        Assert.Equal(SubmissionWindow.DefaultLimit, generates.Count(e => e.Limit is null && e.TaskId is not null));
        Assert.Single(generates, e => e.Limit == RequestLimits.SubmissionWindow);
    }
}
