#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Tests.Proxy;

/// <summary>
/// A small forward HTTP proxy on loopback, as a corporate proxy behaves: without a good Proxy-Authorization (Basic)
/// it answers 407 with a Proxy-Authenticate challenge; with one it forwards the request (absolute-form target) to
/// the host and relays the answer. CONNECT (HTTPS) is only ever challenged or refused. It records every request it
/// was sent, headers included, so a test can see what went where.
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly string? expectedAuthorization;
    private readonly Task acceptLoop;

    private LoopbackProxy(string? user, string? password)
    {
        expectedAuthorization = user is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        acceptLoop = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<ProxiedRequest> Requests { get; } = new();

    /// <summary>A proxy that forwards only requests with Proxy-Authorization: Basic user:password.</summary>
    public static LoopbackProxy RequiringBasic(string user, string password) => new(user, password);

    /// <summary>A proxy that asks for nothing.</summary>
    public static LoopbackProxy Open() => new(null, null);

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            await acceptLoop;
        }
        catch (Exception)
        {
            // Stopping.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                while (await ReadRequestAsync(stream) is { } request)
                {
                    bool authorized = expectedAuthorization is null || request.Header("Proxy-Authorization") == expectedAuthorization;
                    Requests.Enqueue(request with { Authorized = authorized });
                    if (!authorized)
                    {
                        await WriteAsync(stream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n");
                        continue; // The client may try again on this connection, now with credentials.
                    }

                    if (request.Method == "CONNECT")
                    {
                        await WriteAsync(stream, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        return;
                    }

                    await ForwardAsync(request, stream);
                    return; // One forwarded request per connection: the answer ends when the host closes.
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
                // The client went away.
            }
        }
    }

    private static async Task ForwardAsync(ProxiedRequest request, Stream client)
    {
        var target = new Uri(request.Target);
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(target.Host, target.Port);
        Stream server = upstream.GetStream();
        var head = new StringBuilder();
        head.Append(request.Method).Append(' ').Append(target.PathAndQuery).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in request.Headers)
        {
            if (!name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase) && !name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("Connection: close\r\n\r\n");
        await WriteAsync(server, head.ToString());
        await server.WriteAsync(request.Body);
        await server.CopyToAsync(client);
    }

    private static async Task<ProxiedRequest?> ReadRequestAsync(Stream stream)
    {
        string? requestLine = await ReadLineAsync(stream);
        if (string.IsNullOrEmpty(requestLine))
        {
            return null;
        }

        var headers = new List<(string Name, string Value)>();
        for (string? line = await ReadLineAsync(stream); !string.IsNullOrEmpty(line); line = await ReadLineAsync(stream))
        {
            int colon = line.IndexOf(':');
            headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        string[] parts = requestLine.Split(' ');
        var request = new ProxiedRequest(parts[0], parts[1], headers, Array.Empty<byte>(), false);
        if (request.Header("Transfer-Encoding") is not null)
        {
            throw new NotSupportedException("The test proxy reads only bodies with a Content-Length.");
        }

        if (int.TryParse(request.Header("Content-Length"), out int length) && length > 0)
        {
            var body = new byte[length];
            await stream.ReadExactlyAsync(body);
            request = request with { Body = body };
        }

        return request;
    }

    private static async Task<string?> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return line.Length == 0 ? null : line.ToString();
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }

    private static Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();
}

/// <summary>One request a <see cref="LoopbackProxy"/> received: the target as sent (absolute URL, or host:port for CONNECT).</summary>
public sealed record ProxiedRequest(string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body, bool Authorized)
{
    public string? Header(string name)
    {
        foreach (var (n, v) in Headers)
        {
            if (n.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return v;
            }
        }

        return null;
    }
}
