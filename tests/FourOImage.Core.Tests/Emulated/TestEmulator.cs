using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using FourOImage.Emulator;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>Starts a real emulator on loopback for one test, and builds clients for it with tiny retry delays.</summary>
internal static class TestEmulator
{
    public static RetryOptions FastRetry { get; } = new(
        maxAttempts: 4, maxTotalTime: TimeSpan.FromSeconds(30), baseDelay: TimeSpan.FromMilliseconds(1), maxDelay: TimeSpan.FromMilliseconds(5));

    /// <summary>For tests that look at a task while it runs: it ends only when the test moves the clock (FinishAsync).</summary>
    public static Task<EmulatorServer> StartWithSlowTasksAsync() =>
        StartAsync(o => o.FixedGenerationTime = TimeSpan.FromHours(1));

    /// <summary>The service's submission window (20 new tasks per window), shortened so batches take moments, not minutes.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    public static Task<EmulatorServer> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { FixedGenerationTime = TimeSpan.FromMilliseconds(200), SubmissionWindowLength = Window };
        configure?.Invoke(options);
        return EmulatorServer.StartAsync(options);
    }

    public static ClientOptions OptionsFor(EmulatorServer emulator, string? key = null) =>
        new ClientOptions()
            .WithBaseUrl(emulator.ApiBaseUrl)
            .WithUploadBaseUrl(emulator.UploadBaseUrl)
            .WithApiKey(ApiKey.FromString(key ?? emulator.ApiKey))
            .WithRequestTimeout(TimeSpan.FromSeconds(10))
            .WithRetry(FastRetry)
            .WithSubmissionLimit(emulator.SubmissionWindow.Limit)
            .WithSubmissionWindow(emulator.SubmissionWindow.Length);

    /// <summary>A client whose diagnostics lines are collected in <paramref name="lines"/>.</summary>
    public static FourOImageClient ClientFor(EmulatorServer emulator, ConcurrentQueue<string>? lines = null, Func<ClientOptions, ClientOptions>? change = null)
    {
        var options = OptionsFor(emulator);
        var client = FourOImageClient.Create(change is null ? options : change(options));
        if (lines is not null)
        {
            client.Diagnostics = lines.Enqueue;
        }

        return client;
    }

    /// <summary>
    /// A clock that jumps over every wait of a client (backoff, the submission window, pauses) and moves the
    /// emulator's clock alike, since its windows and rate limits are measured on it: for one flow of calls at a time.
    /// </summary>
    public static ManualClock JumpingClock(EmulatorServer emulator)
    {
        var clock = new ManualClock { AutoAdvance = true };
        clock.Advanced += emulator.AdvanceClock;
        return clock;
    }

    public static int Count(EmulatorServer emulator, string endpoint) =>
        emulator.RequestLog.Count(e => e.Endpoint == endpoint);

    /// <summary>
    /// The log entry of a request the client gave up on (timeout) is written when the server side ends: when it notices
    /// the client left, or at worst when the injected delay is over. Wait (bounded) until <paramref name="atLeast"/>
    /// entries are there, then count.
    /// </summary>
    public static async Task<int> CountSettledAsync(EmulatorServer emulator, string endpoint, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Count(emulator, endpoint) < atLeast && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        return Count(emulator, endpoint);
    }

    /// <summary>Waits (bounded by a generous deadline, not a fixed sleep) until <paramref name="condition"/> holds.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within 30 s: {what}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Moves the emulator's clock past the generation time and reads the finished task.</summary>
    public static async Task<ImageTask> FinishAsync(EmulatorServer emulator, FourOImageClient client, string taskId)
    {
        var generation = emulator.Options.FixedGenerationTime ?? emulator.Options.MaxGenerationTime;
        emulator.AdvanceClock(generation + TimeSpan.FromSeconds(1));
        return await client.GetTaskAsync(taskId);
    }
}
