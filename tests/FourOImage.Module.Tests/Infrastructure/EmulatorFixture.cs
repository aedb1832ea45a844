using System;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Waiting;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>A fresh emulator per test class, with short generation times so waits take a fraction of a second.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; } = null!;

    /// <summary>The service's submission window (20 new tasks per window), shortened so batches take moments, not minutes.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    public async Task InitializeAsync() =>
        Server = await EmulatorServer.StartAsync(new EmulatorOptions { FixedGenerationTime = TimeSpan.FromMilliseconds(200), SubmissionWindowLength = Window });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public FourOImageClient Client(string? apiKey = null) => ClientFor(Server, apiKey);

    /// <summary>A client for any emulator (tests that need their own, e.g. with slow tasks or few credits), paced by its submission window.</summary>
    public static FourOImageClient ClientFor(EmulatorServer server, string? apiKey = null) =>
        FourOImageClient.Create(new ClientOptions()
            .WithBaseUrl(server.ApiBaseUrl)
            .WithUploadBaseUrl(server.UploadBaseUrl)
            .WithApiKey(ApiKey.FromString(apiKey ?? server.ApiKey))
            .WithSubmissionLimit(server.SubmissionWindow.Limit)
            .WithSubmissionWindow(server.SubmissionWindow.Length));

    /// <summary>Polling fast enough for 200 ms tasks, within the service's 3 queries per second per task.</summary>
    public static WaitOptions FastWait(TimeSpan? timeout = null) => new()
    {
        InitialInterval = TimeSpan.FromMilliseconds(150),
        MaxInterval = TimeSpan.FromMilliseconds(400),
        MinIntervalPerTask = TimeSpan.FromMilliseconds(400),
        ProgressInterval = TimeSpan.FromMilliseconds(50),
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };
}
