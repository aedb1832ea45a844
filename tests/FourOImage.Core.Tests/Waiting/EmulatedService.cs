using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Waiting;
using FourOImage.Emulator;

namespace FourOImage.Core.Tests.Waiting;

/// <summary>
/// A real emulator on loopback plus a real client for it, wired the way the cmdlets wire the wait engine and the
/// downloader. Client retries back off from 400 ms, so they too stay inside the service's 3 polls per second per task.
/// </summary>
internal sealed class EmulatedService : IAsyncDisposable
{
    private EmulatedService(EmulatorServer emulator, FourOImageClient client)
    {
        Emulator = emulator;
        Client = client;
    }

    public EmulatorServer Emulator { get; }

    public FourOImageClient Client { get; }

    /// <summary>Quick polling for tests; the per-task minimum interval stays at its shipped default.</summary>
    public static WaitOptions FastWait => new()
    {
        InitialInterval = TimeSpan.FromMilliseconds(100),
        MaxInterval = TimeSpan.FromMilliseconds(300),
        Timeout = TimeSpan.FromMinutes(2),
    };

    public static async Task<EmulatedService> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { FixedGenerationTime = TimeSpan.FromMilliseconds(200), SubmissionWindowLength = Emulated.TestEmulator.Window };
        configure?.Invoke(options);
        var emulator = await EmulatorServer.StartAsync(options);
        var client = FourOImageClient.Create(new ClientOptions()
            .WithBaseUrl(emulator.ApiBaseUrl)
            .WithUploadBaseUrl(emulator.UploadBaseUrl)
            .WithApiKey(ApiKey.FromString(emulator.ApiKey))
            .WithRequestTimeout(TimeSpan.FromSeconds(20))
            .WithRetry(new RetryOptions(maxAttempts: 4, maxTotalTime: TimeSpan.FromSeconds(30), baseDelay: TimeSpan.FromMilliseconds(400), maxDelay: TimeSpan.FromSeconds(1)))
            .WithSubmissionLimit(emulator.SubmissionWindow.Limit)
            .WithSubmissionWindow(emulator.SubmissionWindow.Length));
        return new EmulatedService(emulator, client);
    }

    public TaskWaiter NewWaiter(WaitOptions? options = null) => new(Client.GetTaskAsync, options ?? FastWait);

    public ImageDownloader NewDownloader(SaveOptions options) => new(Client.GetImageAsync, Client.GetDownloadUrlAsync, options);

    public async Task<List<string>> GenerateAsync(int count, string prompt = "a lighthouse at dusk", int variants = 1)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await Client.GenerateAsync(new GenerateRequest { Prompt = $"{prompt} {i}", Variants = variants }));
        }

        return ids;
    }

    /// <summary>Waits for the given tasks with the real wait engine and returns the outcomes in the order they were handed back.</summary>
    public async Task<List<WaitOutcome>> WaitAllAsync(IEnumerable<string> taskIds, WaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var waiter = NewWaiter(options);
        var finished = new List<WaitOutcome>();
        waiter.TaskFinished += finished.Add;
        foreach (var id in taskIds)
        {
            waiter.Add(id);
        }

        waiter.Complete();
        await waiter.RunAsync(cancellationToken);
        return finished;
    }

    /// <summary>
    /// <see cref="WaitAllAsync"/> on a clock of its own that moves (and the emulator's clock with it) only while no poll
    /// is out: generation times, poll intervals and the timeout pass as fast as the polls come back.
    /// </summary>
    public async Task<List<WaitOutcome>> WaitAllOnClockAsync(IEnumerable<string> taskIds, WaitOptions? options = null)
    {
        var clock = new ManualClock();
        clock.Advanced += Emulator.AdvanceClock;
        var polling = 0;
        async Task<ImageTask> PollAsync(string taskId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref polling);
            try
            {
                return await Client.GetTaskAsync(taskId, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref polling);
            }
        }

        using var waiter = new TaskWaiter(PollAsync, options ?? FastWait, clock);
        var finished = new List<WaitOutcome>();
        waiter.TaskFinished += finished.Add;
        foreach (var id in taskIds)
        {
            waiter.Add(id);
        }

        waiter.Complete();
        var run = waiter.RunAsync();
        await clock.DriveAsync(run, TimeSpan.FromMilliseconds(50), () => Volatile.Read(ref polling) == 0);
        await run;
        return finished;
    }

    /// <summary>Generates one task and waits for it to succeed.</summary>
    public async Task<ImageTask> FinishedTaskAsync(string prompt = "a lighthouse at dusk", int variants = 1, string size = "1:1")
    {
        var id = await Client.GenerateAsync(new GenerateRequest { Prompt = prompt, Variants = variants, Size = size });
        var outcome = (await WaitAllAsync(new[] { id })).Single();
        return outcome.Succeeded ? outcome.Task! : throw new InvalidOperationException($"Task {id} did not succeed: {outcome.Error?.Message ?? outcome.Task?.ErrorMessage}");
    }

    /// <summary>record-info requests per task id, in arrival order.</summary>
    public Dictionary<string, List<RequestLogEntry>> PollsByTask() =>
        Emulator.RequestLog
            .Where(e => e.Endpoint == EmulatorEndpoints.RecordInfo && e.TaskId is not null)
            .GroupBy(e => e.TaskId!)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Time).ToList());

    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}
