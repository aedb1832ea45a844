using System;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>When no request could have reached the service (connect or TLS handshake failed), errors say so instead of "may be charged".</summary>
public class NothingSentTests
{
    [Fact]
    public async Task A_failed_tls_handshake_sends_nothing_and_does_not_say_a_task_may_exist()
    {
        await using var emulator = await TestEmulator.StartAsync();

        // https:// against the emulator's plain http port: the handshake fails before any byte of HTTP is sent.
        var https = new UriBuilder(emulator.ApiBaseUrl) { Scheme = Uri.UriSchemeHttps }.Uri;
        var client = FourOImageClient.Create(TestEmulator.OptionsFor(emulator).WithBaseUrl(https).WithRetry(RetryOptions.None));

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        Assert.Equal(ApiErrorKind.NetworkError, error.Kind);
        Assert.False(error.TaskMayExist);
        Assert.DoesNotContain("may be charged", error.Message);
        Assert.Contains("was not sent", error.Message);
        Assert.Equal(0, TestEmulator.Count(emulator, "generate"));
        var record = PipelineErrors.FromException(error, PipelineErrors.Areas.Generate, null);
        Assert.DoesNotContain("may have reached", record.RecommendedAction ?? string.Empty);
    }
}
