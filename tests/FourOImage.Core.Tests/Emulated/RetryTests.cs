using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>What is retried, how often, and the generate calls that must never be repeated. Attempts are counted in the emulator's request log.</summary>
public class RetryTests
{
    public static IEnumerable<object[]> TransientFaults() => new[]
    {
        new object[] { "body-429" }, new object[] { "body-455" }, new object[] { "body-500" }, new object[] { "body-550" },
        new object[] { "http-502" }, new object[] { "http-503" }, new object[] { "drop" },
    };

    private static Fault FaultNamed(string name) => name switch
    {
        "http-502" => Fault.BadGateway,
        "http-503" => Fault.WithHttpStatus(503),
        "drop" => Fault.Drop,
        _ => Fault.WithBodyCode(int.Parse(name.Substring(5))),
    };

    [Theory]
    [MemberData(nameof(TransientFaults))]
    public async Task Reads_are_retried_through_transient_faults(string fault)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var lines = new ConcurrentQueue<string>();
        var client = TestEmulator.ClientFor(emulator, lines);
        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "x" });
        emulator.AdvanceClock(TimeSpan.FromSeconds(5));
        foreach (var endpoint in new[] { "credit", "record-info", "download-url" })
        {
            emulator.Faults.Enqueue(endpoint, FaultNamed(fault), 2);
        }

        var credits = await client.GetCreditAsync();
        var task = await client.GetTaskAsync(taskId);
        var url = await client.GetDownloadUrlAsync(taskId, task.ResultUrls[0]);

        Assert.Equal(emulator.GetCredits(emulator.ApiKey), credits);
        Assert.Equal(TaskState.Success, task.Status);
        Assert.True(url.IsAbsoluteUri);
        Assert.Equal(3, await TestEmulator.CountSettledAsync(emulator, "credit", 3));
        Assert.Equal(3, await TestEmulator.CountSettledAsync(emulator, "record-info", 3));
        Assert.Equal(3, await TestEmulator.CountSettledAsync(emulator, "download-url", 3));
        Assert.Contains(lines, l => l.StartsWith("GET credit → ", StringComparison.Ordinal) && l.Contains("; retry 1/3 in "));
        Assert.Contains(lines, l => l.StartsWith("GET credit → ", StringComparison.Ordinal) && l.Contains("; retry 2/3 in "));
    }

    [Fact]
    public async Task Retries_stop_at_max_attempts_and_the_error_says_how_many()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        emulator.Faults.Enqueue("credit", Fault.WithBodyCode(500), 10);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());

        Assert.Equal(500, error.Code);
        Assert.Equal(ApiErrorKind.ServerError, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Equal(4, error.Attempts);
        Assert.Contains("4 attempts", error.Message);
        Assert.Equal(4, TestEmulator.Count(emulator, "credit"));
    }

    [Theory]
    [InlineData(429, 1)]
    [InlineData(455, 6)]
    [InlineData(550, 3)]
    public async Task Generate_waits_out_a_refusal_that_created_no_task_without_counting_it_as_a_failed_attempt(int code, int windows)
    {
        await using var emulator = await TestEmulator.StartWithSlowTasksAsync();
        var lines = new ConcurrentQueue<string>();
        var clock = TestEmulator.JumpingClock(emulator);
        var client = TestEmulator.ClientFor(emulator, lines, o => o.WithClock(clock));

        // As many refusals as the 4 attempts FastRetry allows: they are not failed attempts.
        emulator.Faults.Enqueue("generate", Fault.WithBodyCode(code), 4);

        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "x" });

        Assert.Equal(5, TestEmulator.Count(emulator, "generate"));
        Assert.Equal(TaskState.Generating, (await client.GetTaskAsync(taskId)).Status);
        Assert.Equal(4, lines.Count(l => l.StartsWith($"POST generate → HTTP 200 code {code}: no task was created; waiting ", StringComparison.Ordinal)
            && l.EndsWith("then sending it again (not counted as a failed attempt)", StringComparison.Ordinal)));

        // Each refusal paused the account: a full window after a 429, longer after 550 and 455 (the emulator's clock moved as the client's did).
        var generates = emulator.RequestLog.Where(e => e.Endpoint == "generate").Select(e => e.Time).ToList();
        Assert.All(generates.Zip(generates.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= TestEmulator.Window * windows, $"gap {gap}"));
        Assert.True(clock.Elapsed >= TestEmulator.Window * windows * 4, $"{clock.Elapsed}");
    }

    [Fact]
    public async Task A_row_that_cannot_be_sent_within_its_time_fails_saying_so_and_no_task_exists()
    {
        await using var emulator = await TestEmulator.StartWithSlowTasksAsync();
        var clock = TestEmulator.JumpingClock(emulator);
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithClock(clock));
        emulator.Faults.Enqueue("generate", Fault.WithBodyCode(455), 100);
        var hooks = new GenerateHooks { RowTime = TestEmulator.Window * 10 }; // one pause of 6 windows fits, a second does not

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }, hooks, default));

        Assert.Equal(ApiErrorKind.Maintenance, error.Kind);
        Assert.False(error.TaskMayExist);
        Assert.Equal(2, error.Attempts);
        Assert.Contains("the row's time", error.Message);
        Assert.Contains("no task was created", error.Message);
        Assert.Equal(2, TestEmulator.Count(emulator, "generate"));
        Assert.InRange(clock.Elapsed, TestEmulator.Window * 6, TestEmulator.Window * 10);
    }

    [Theory]
    [InlineData("body-500")]
    [InlineData("http-502")]
    [InlineData("http-503")]
    [InlineData("drop")]
    public async Task Generate_is_not_repeated_when_a_task_may_exist(string fault)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        emulator.Faults.Enqueue("generate", FaultNamed(fault), 3);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        Assert.Equal(1, await TestEmulator.CountSettledAsync(emulator, "generate", 1));
        Assert.True(error.TaskMayExist);
        Assert.False(error.IsRetryable);
        Assert.Equal("generate", error.Endpoint);
        Assert.Contains("a task may exist and may be charged", error.Message);
    }

    [Fact]
    public async Task A_timeout_is_reported_as_a_timeout_and_generate_is_not_repeated()
    {
        await using var emulator = await TestEmulator.StartAsync();

        // The request timeout passes on the client's clock once the emulator holds the request (it took the slow fault),
        // however long a busy machine takes to get it there.
        var clock = new ManualClock();
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithClock(clock).WithRequestTimeout(TimeSpan.FromMilliseconds(300)));
        emulator.Faults.Enqueue("generate", Fault.Slow(TimeSpan.FromSeconds(3)), 1);

        var generate = client.GenerateAsync(new GenerateRequest { Prompt = "x" });
        await TestEmulator.UntilAsync(() => emulator.Faults.PendingScripted("generate") == 0, "the emulator took the generate");
        clock.Advance(TimeSpan.FromMilliseconds(300));
        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => generate);

        Assert.Equal(ApiErrorKind.Timeout, error.Kind);
        Assert.True(error.TaskMayExist);
        Assert.Null(error.HttpStatus);
        Assert.Contains("0.3 s", error.Message);
        Assert.Contains("timeout", error.Message);
        Assert.Equal(1, await TestEmulator.CountSettledAsync(emulator, "generate", 1));
    }

    [Fact]
    public async Task A_read_that_times_out_is_retried()
    {
        await using var emulator = await TestEmulator.StartAsync();

        // The first request times out on the client's clock once the emulator holds it; the second, normal one never
        // does, however slow the machine, since that clock does not move again until after the backoff.
        var clock = new ManualClock();
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithClock(clock).WithRequestTimeout(TimeSpan.FromSeconds(1)));
        emulator.Faults.Enqueue("credit", Fault.Slow(TimeSpan.FromSeconds(30)), 1);

        var read = client.GetCreditAsync();
        await TestEmulator.UntilAsync(() => emulator.Faults.PendingScripted("credit") == 0, "the emulator took the first credit call");
        clock.Advance(TimeSpan.FromSeconds(1));
        await TestEmulator.UntilAsync(() => clock.Sleeping > 0 || read.IsCompleted, "the client backs off");
        clock.Advance(TestEmulator.FastRetry.MaxDelay);
        var credits = await read;

        Assert.Equal(emulator.GetCredits(emulator.ApiKey), credits);
        Assert.Equal(2, await TestEmulator.CountSettledAsync(emulator, "credit", 2));
    }

    [Fact]
    public async Task Cancellation_is_a_cancellation_not_a_timeout()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        emulator.Faults.Enqueue("credit", Fault.Slow(TimeSpan.FromSeconds(30)), 1);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetCreditAsync(cts.Token));
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_bounded_by_the_total_time()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var lines = new ConcurrentQueue<string>();
        var clock = new ManualClock { AutoAdvance = true };
        var client = TestEmulator.ClientFor(emulator, lines, o => o.WithClock(clock));
        emulator.Faults.Enqueue("credit", Fault.WithBodyCode(429, retryAfterSeconds: 3), 1);

        await client.GetCreditAsync();

        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(clock.Delays));
        Assert.Contains(lines, l => l.StartsWith("GET credit → HTTP 200 code 429; retry 1/3 in 3.0 s", StringComparison.Ordinal));

        // Asked to wait longer than the whole retry budget: give up at once rather than sleep past it.
        emulator.Faults.Enqueue("credit", Fault.WithBodyCode(429, retryAfterSeconds: 600), 1);
        emulator.ClearRequestLog();
        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GetCreditAsync());
        Assert.Equal(ApiErrorKind.RateLimited, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(1, TestEmulator.Count(emulator, "credit"));
    }

    [Fact]
    public async Task Polling_faster_than_the_service_allows_backs_off_and_still_answers()
    {
        await using var emulator = await TestEmulator.StartAsync();
        // Retry waits pass on the emulator's clock too, which its per-task rate limit is measured on.
        var clock = TestEmulator.JumpingClock(emulator);
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithClock(clock).WithRetry(
            new RetryOptions(maxAttempts: 6, baseDelay: TimeSpan.FromMilliseconds(200), maxDelay: TimeSpan.FromSeconds(2))));
        var taskId = await client.GenerateAsync(new GenerateRequest { Prompt = "x" });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(taskId, (await client.GetTaskAsync(taskId)).TaskId);
        }

        var polls = emulator.RequestLog.Where(e => e.Endpoint == "record-info").ToList();
        Assert.Contains(polls, e => e.BodyCode == 429);
        Assert.Equal(5, polls.Count(e => e.BodyCode == 200));
    }

    [Fact]
    public async Task Connection_refused_is_retried_even_for_generate_because_nothing_was_sent()
    {
        var closedPort = FreePort();
        var lines = new ConcurrentQueue<string>();
        var options = new ClientOptions()
            .WithBaseUrl(new Uri($"http://127.0.0.1:{closedPort}/"))
            .WithApiKey(ApiKey.FromString("refused-key-0123456789"))
            .WithRetry(TestEmulator.FastRetry);
        var client = FourOImageClient.Create(options);
        client.Diagnostics = lines.Enqueue;

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.GenerateAsync(new GenerateRequest { Prompt = "x" }));

        Assert.Equal(ApiErrorKind.NetworkError, error.Kind);
        Assert.False(error.TaskMayExist);
        Assert.True(error.IsRetryable);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(3, lines.Count(l => l.Contains("; retry ")));
        Assert.Contains($"127.0.0.1:{closedPort}", error.Message);
        Assert.DoesNotContain("refused-key-0123456789", error.ToString());
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
