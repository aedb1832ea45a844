using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using FourOImage.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Admin;

/// <summary>
/// The admin endpoint on the API port, outside /api, JSON in and out, no key needed:
/// <list type="bullet">
/// <item>GET /admin/faults, PUT /admin/faults (FaultOptions JSON), DELETE /admin/faults (reset),
/// POST /admin/faults/enqueue {"endpoint","kind","code","delayMs","retryAfterSeconds","emptyBody","count"}</item>
/// <item>GET /admin/submission-window, PUT /admin/submission-window {"limit","windowSeconds"} (either may be left out)</item>
/// <item>GET /admin/clock, POST /admin/clock/advance?seconds=N</item>
/// <item>GET /admin/requests, DELETE /admin/requests</item>
/// <item>GET /admin/credits?key=K, PUT /admin/credits?key=K&amp;credits=N</item>
/// <item>GET /admin/callbacks</item>
/// </list>
/// </summary>
internal sealed class AdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    private readonly EmulatorServer _server;

    public AdminEndpoints(EmulatorServer server) => _server = server;

    public async Task HandleAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "").TrimEnd('/');
        var method = context.Request.Method;
        try
        {
            switch (path, method)
            {
                case ("/admin", "GET"):
                    await WriteAsync(context, 200, new { endpoints = new[] { "faults", "faults/enqueue", "submission-window", "clock", "clock/advance", "requests", "credits", "callbacks" } });
                    break;
                case ("/admin/faults", "GET"):
                    await WriteAsync(context, 200, _server.Faults);
                    break;
                case ("/admin/faults", "PUT"):
                    _server.Faults.CopyFrom(await ReadAsync<FaultOptions>(context));
                    await WriteAsync(context, 200, _server.Faults);
                    break;
                case ("/admin/faults", "DELETE"):
                    _server.Faults.Reset();
                    await WriteAsync(context, 200, _server.Faults);
                    break;
                case ("/admin/faults/enqueue", "POST"):
                    var enqueue = await ReadAsync<EnqueueFaultRequest>(context);
                    _server.Faults.Enqueue(enqueue.Endpoint, enqueue.ToFault(), enqueue.Count);
                    await WriteAsync(context, 200, new { endpoint = enqueue.Endpoint, pending = _server.Faults.PendingScripted(enqueue.Endpoint) });
                    break;
                case ("/admin/submission-window", "GET"):
                    await WriteAsync(context, 200, SubmissionWindowSettings.Of(_server.SubmissionWindow));
                    break;
                case ("/admin/submission-window", "PUT"):
                    (await ReadAsync<SubmissionWindowSettings>(context)).ApplyTo(_server.SubmissionWindow);
                    await WriteAsync(context, 200, SubmissionWindowSettings.Of(_server.SubmissionWindow));
                    break;
                case ("/admin/clock", "GET"):
                    await WriteClockAsync(context);
                    break;
                case ("/admin/clock/advance", "POST"):
                    _server.AdvanceClock(TimeSpan.FromSeconds(Number(context, "seconds")));
                    await WriteClockAsync(context);
                    break;
                case ("/admin/requests", "GET"):
                    await WriteAsync(context, 200, _server.RequestLog);
                    break;
                case ("/admin/requests", "DELETE"):
                    _server.ClearRequestLog();
                    await WriteAsync(context, 200, _server.RequestLog);
                    break;
                case ("/admin/credits", "GET"):
                    await WriteAsync(context, 200, new { credits = _server.GetCredits(Key(context)) });
                    break;
                case ("/admin/credits", "PUT"):
                    _server.SetCredits(Key(context), (decimal)Number(context, "credits"));
                    await WriteAsync(context, 200, new { credits = _server.GetCredits(Key(context)) });
                    break;
                case ("/admin/callbacks", "GET"):
                    await WriteAsync(context, 200, _server.Callbacks);
                    break;
                default:
                    await WriteAsync(context, 404, new { error = $"No admin endpoint {method} {path}. GET /admin lists them." });
                    break;
            }
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException)
        {
            await WriteAsync(context, 400, new { error = e.Message });
        }
    }

    private Task WriteClockAsync(HttpContext context) =>
        WriteAsync(context, 200, new { now = _server.Now, offsetSeconds = _server.Services.Clock.Offset.TotalSeconds });

    private static async Task<T> ReadAsync<T>(HttpContext context) =>
        await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted)
        ?? throw new JsonException("A JSON body is required.");

    private static Task WriteAsync(HttpContext context, int status, object value) =>
        ResponseBody.WriteAsync(context, status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(value, Json));

    private static string Key(HttpContext context) =>
        context.Request.Query["key"].ToString() is { Length: > 0 } key ? key : throw new ArgumentException("The query parameter key is required.");

    private static double Number(HttpContext context, string name) =>
        double.TryParse(context.Request.Query[name].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"The query parameter {name} must be a number.");
}
