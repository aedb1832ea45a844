using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FourOImage.Emulator;

/// <summary>
/// A local 4o Image API on Kestrel: the API (plus upload and admin) on one port, result images on a second port.
/// Start with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorServices _services;
    private int _disposed;

    private EmulatorServer(EmulatorOptions options)
    {
        Options = options;
        _services = new EmulatorServices(options, this);
        _app = BuildApp(options, _services);
    }

    public Uri ApiBaseUrl => _services.Urls.Api;

    /// <summary>The host of POST api/file-stream-upload; the API's own host in the emulator.</summary>
    public Uri UploadBaseUrl => _services.Urls.Api;

    /// <summary>Result images and uploaded files. The API key must never arrive here.</summary>
    public Uri ImageBaseUrl => _services.Urls.Image;

    /// <summary>
    /// The admin endpoint (no key needed): faults, faults/enqueue, submission-window, clock, clock/advance?seconds=,
    /// requests, credits?key=, callbacks. GET {AdminUrl} lists them.
    /// </summary>
    public Uri AdminUrl => new(_services.Urls.Api, "admin/");

    /// <summary>The first configured key.</summary>
    public string ApiKey => Options.ApiKeys[0];

    /// <summary>The options the server started with. Read at start, except <see cref="Faults"/> (and the submission
    /// window, live through <see cref="SubmissionWindow"/>),
    /// <see cref="EmulatorOptions.DeliverCallbacksTwice"/>, <see cref="EmulatorOptions.CallbackDuplicateRate"/> and
    /// <see cref="EmulatorOptions.CallbackRetryScale"/>, which stay live.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Live fault settings: change them at any time; see <see cref="FaultOptions"/>.</summary>
    public FaultOptions Faults => _services.Faults;

    /// <summary>The live submission window (20 new generation requests per 10 s per key by default); see <see cref="Emulator.SubmissionWindow"/>.</summary>
    public SubmissionWindow SubmissionWindow => _services.SubmissionWindow;

    /// <summary>The emulator clock: real time plus every <see cref="AdvanceClock"/> so far.</summary>
    public DateTimeOffset Now => _services.Clock.Now;

    /// <summary>Snapshot of every request so far, in arrival order.</summary>
    public IReadOnlyList<RequestLogEntry> RequestLog => _services.RequestLog.Snapshot();

    /// <summary>Every callback POST so far.</summary>
    public IReadOnlyList<CallbackDelivery> Callbacks => _services.Callbacks.Deliveries;

    internal EmulatorServices Services => _services;

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        Validate(options);
        var server = new EmulatorServer(options);
        try
        {
            await server._app.StartAsync(ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        server.ReadBoundPorts();
        server._services.Callbacks.Start();
        return server;
    }

    /// <summary>Moves the emulator clock forward: tasks finish, URLs expire and callback retries fall due accordingly.</summary>
    public void AdvanceClock(TimeSpan by) => _services.Clock.Advance(by);

    public decimal GetCredits(string apiKey) => _services.Ledger.Get(apiKey);

    public void SetCredits(string apiKey, decimal value) => _services.Ledger.Set(apiKey, value);

    public void ClearRequestLog() => _services.RequestLog.Clear();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _services.Callbacks.DisposeAsync();
        await _app.StopAsync();
        _services.UrlUpload.Dispose();
        await _app.DisposeAsync();
    }

    private static WebApplication BuildApp(EmulatorOptions options, EmulatorServices services)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = Array.Empty<string>(),
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
            var address = AddressOf(options.Host)!;
            kestrel.Listen(address, options.ApiPort, listen => services.Urls.ApiListen = listen);
            kestrel.Listen(address, options.ImagePort, listen => services.Urls.ImageListen = listen);
        });
        var app = builder.Build();
        app.Run(new RequestRouter(services).HandleAsync);
        return app;
    }

    private void ReadBoundPorts()
    {
        var urls = _services.Urls;
        var host = DisplayHost(Options.Host);
        urls.ApiPort = urls.ApiListen!.IPEndPoint!.Port;
        urls.ImagePort = urls.ImageListen!.IPEndPoint!.Port;
        urls.Api = new Uri($"http://{host}:{urls.ApiPort}/");
        urls.Image = new Uri($"http://{host}:{urls.ImagePort}/");

        static string DisplayHost(string configured) =>
            IPAddress.TryParse(configured, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) ? "127.0.0.1"
            : ip is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } ? $"[{ip}]"
            : configured;
    }

    private static IPAddress? AddressOf(string? host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : null;

    private static void Validate(EmulatorOptions options)
    {
        if (AddressOf(options.Host) is null)
        {
            throw new ArgumentException($"Host must be an IP address or localhost (got '{options.Host}').", nameof(options));
        }

        if (options.ApiPort is < 0 or > 65535 || options.ImagePort is < 0 or > 65535)
        {
            throw new ArgumentException("ApiPort and ImagePort must be 0 to 65535.", nameof(options));
        }

        if (options.ApiPort != 0 && options.ApiPort == options.ImagePort)
        {
            throw new ArgumentException("ApiPort and ImagePort must differ: the image host needs a port of its own.", nameof(options));
        }

        if (options.ApiKeys is null || options.ApiKeys.Count == 0 || options.ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one non-empty API key is required.", nameof(options));
        }

        if (options.MinGenerationTime < TimeSpan.Zero || options.MaxGenerationTime < options.MinGenerationTime)
        {
            throw new ArgumentException("MinGenerationTime must be >= 0 and <= MaxGenerationTime.", nameof(options));
        }

        if (!(options.ContentCredentialsRate >= 0 && options.ContentCredentialsRate <= 1))
        {
            throw new ArgumentException($"ContentCredentialsRate must be between 0 and 1 (got {options.ContentCredentialsRate}).", nameof(options));
        }

        if (options.CreditsPerImage < 0 || options.CallbackRetryScale < 0)
        {
            throw new ArgumentException("CreditsPerImage and CallbackRetryScale must not be negative.", nameof(options));
        }

        if (options.SubmissionLimit < 0 || options.SubmissionWindowLength <= TimeSpan.Zero)
        {
            throw new ArgumentException("SubmissionLimit must not be negative (0 turns the window off) and SubmissionWindowLength must be positive.", nameof(options));
        }

        if (options.CallbackDuplicateRate is < 0 or > 1)
        {
            throw new ArgumentException("CallbackDuplicateRate must be 0 to 1.", nameof(options));
        }

        options.Faults ??= new FaultOptions();
    }
}
