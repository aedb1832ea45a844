using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>
/// Can anything below the module send a generate a second time? The fault: the service takes the request (and creates
/// and charges the task), then the kept-alive connection closes before any byte of the answer. HttpClient resends a
/// request that failed that way when it has no body; a generate has one, and must never go out twice.
/// </summary>
public class GenerateResendTests
{
    [Fact]
    public async Task HttpClient_itself_resends_a_bodiless_request_when_a_kept_alive_connection_closes_before_the_answer()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var lines = new ConcurrentQueue<string>();
        var client = TestEmulator.ClientFor(emulator, lines);
        await client.GetCreditAsync(); // a pooled, kept-alive connection
        emulator.Faults.Enqueue("credit", Fault.LostAnswer);

        await client.GetCreditAsync();

        // Two requests reached the service, yet the module made one attempt: the resend happened below it.
        Assert.Equal(3, TestEmulator.Count(emulator, "credit"));
        Assert.DoesNotContain(lines, l => l.Contains("retry"));
    }

    [Fact]
    public async Task A_generate_whose_answer_is_lost_on_a_kept_alive_connection_is_sent_once_and_reported_as_may_exist()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        await client.GetCreditAsync();
        emulator.Faults.Enqueue("generate", Fault.LostAnswer);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        Assert.True(error.TaskMayExist);
        Assert.Contains("may be charged", error.Message);
        var generate = Assert.Single(emulator.RequestLog, e => e.Endpoint == "generate");
        Assert.NotNull(generate.TaskId);
    }

    [Fact]
    public async Task A_generate_is_never_sent_twice_even_by_a_handler_that_resends_failed_requests()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var options = TestEmulator.OptionsFor(emulator);
        var inner = new HttpClientHandler();
        var shared = new SharedHttpClient(new HttpClient(new ResendOnConnectionFailure(inner)) { Timeout = Timeout.InfiniteTimeSpan }, inner);
        var client = FourOImageClient.Create(options, shared);
        emulator.Faults.Enqueue("generate", Fault.LostAnswer);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        Assert.True(error.TaskMayExist);
        Assert.Single(emulator.RequestLog, e => e.Endpoint == "generate");
        Assert.Equal(998.5m, emulator.GetCredits(emulator.ApiKey));
    }

    /// <summary>What an HTTP stack that retries on a closed connection does (older runtimes, retry policies): sends the same request again.</summary>
    private sealed class ResendOnConnectionFailure : DelegatingHandler
    {
        public ResendOnConnectionFailure(HttpMessageHandler inner)
            : base(inner)
        {
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException)
            {
                return await base.SendAsync(request, cancellationToken);
            }
        }
    }
}
