using System;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Logging;

/// <summary>
/// What the emulator learns about one request while serving it. Committed to the log once, just before the
/// answer starts (or before the connection is aborted), so a client that got its answer always finds it logged.
/// </summary>
internal sealed class RequestRecord
{
    private const string ItemKey = "FourOImage.Emulator.RequestRecord";
    private readonly RequestLog _log;
    private readonly long _sequence;
    private int _committed;

    private RequestRecord(RequestLog log, HttpContext context, string host, string endpoint, DateTimeOffset time)
    {
        _log = log;
        _sequence = log.NextSequence();
        Context = context;
        Host = host;
        Endpoint = endpoint;
        Time = time;
    }

    public HttpContext Context { get; }

    public string Host { get; }

    public string Endpoint { get; }

    public DateTimeOffset Time { get; }

    public string? TaskId { get; set; }

    public int? BodyCode { get; set; }

    public Fault? Fault { get; set; }

    public static RequestRecord Begin(RequestLog log, HttpContext context, string host, string endpoint, DateTimeOffset time)
    {
        var record = new RequestRecord(log, context, host, endpoint, time);
        context.Items[ItemKey] = record;
        context.Response.OnStarting(() =>
        {
            record.Commit(context.Response.StatusCode);
            return System.Threading.Tasks.Task.CompletedTask;
        });
        return record;
    }

    public static RequestRecord? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as RequestRecord : null;

    public void Commit(int httpStatus)
    {
        if (System.Threading.Interlocked.Exchange(ref _committed, 1) == 1)
        {
            return;
        }

        var request = Context.Request;
        _log.Add(_sequence, new RequestLogEntry(Time, Host, request.Method, request.Path.Value ?? "/", Endpoint, TaskId,
            request.Headers.ContainsKey("Authorization"), httpStatus, BodyCode)
        {
            Fault = Fault?.ToString(),
            UserAgent = request.Headers.UserAgent.Count == 0 ? null : request.Headers.UserAgent.ToString(),
        });
    }

    /// <summary>Logs the request as dropped (status 0) and aborts the connection.</summary>
    public void Abort()
    {
        Commit(0);
        Context.Abort();
    }
}
