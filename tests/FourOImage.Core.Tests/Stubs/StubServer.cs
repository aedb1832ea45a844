using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FourOImage.Core.Tests.Stubs;

/// <summary>
/// A tiny HTTP server on loopback that answers every request with <see cref="Handler"/>, for answers the emulator does
/// not give (redirects elsewhere). Records each request's path and whether it carried an Authorization header.
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Each request: its path and query, and its Authorization header (null when none).</summary>
    public ConcurrentQueue<(string Path, string? Authorization)> Requests { get; } = new();

    public static async Task<StubServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        StubServer? server = null;
        app.Run(async context =>
        {
            var auth = context.Request.Headers.Authorization.ToString();
            server!.Requests.Enqueue((context.Request.Path + context.Request.QueryString, auth.Length == 0 ? null : auth));
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new StubServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
