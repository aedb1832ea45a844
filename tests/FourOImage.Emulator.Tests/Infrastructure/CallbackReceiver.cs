using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FourOImage.Emulator.Tests;

/// <summary>A webhook endpoint on loopback that records each POST and answers with scripted statuses (then 200).</summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly SemaphoreSlim _received = new(0);

    private CallbackReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>The X-Webhook-Timestamp and X-Webhook-Signature headers of each POST (null when absent).</summary>
    public ConcurrentQueue<(string? Timestamp, string? Signature)> Signatures { get; } = new();

    /// <summary>How long each answer is held back.</summary>
    public TimeSpan Delay { get; set; }

    public Uri Url { get; private set; } = null!;

    public static async Task<CallbackReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new CallbackReceiver(app);
        foreach (var status in statuses)
        {
            receiver._statuses.Enqueue(status);
        }

        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        receiver.Url = new Uri(new Uri(address.First()), "hook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> POSTs arrived in total (fails the test after 10 s).</summary>
    public async Task WaitForAsync(int count)
    {
        while (Bodies.Count < count)
        {
            if (!await _received.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"Expected {count} callbacks, got {Bodies.Count}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        Signatures.Enqueue((context.Request.Headers["X-Webhook-Timestamp"].FirstOrDefault(), context.Request.Headers["X-Webhook-Signature"].FirstOrDefault()));
        Bodies.Enqueue(await reader.ReadToEndAsync());
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted).ContinueWith(_ => { });
        }

        context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
        _received.Release();
    }
}
