using System;
using System.Net.Http;

namespace FourOImage.Core;

/// <summary>One logical API call; <see cref="CreateRequest"/> builds a fresh request for every attempt.</summary>
internal sealed class ApiCall
{
    public ApiCall(
        string endpoint, HttpMethod method, Func<HttpRequestMessage> createRequest, string? taskId = null, bool createsTask = false, string? subject = null)
    {
        Subject = subject ?? taskId;
        Endpoint = endpoint;
        Method = method;
        CreateRequest = createRequest;
        TaskId = taskId;
        CreatesTask = createsTask;
    }

    /// <summary>generate, record-info, download-url, credit or upload.</summary>
    public string Endpoint { get; }

    public HttpMethod Method { get; }

    public Func<HttpRequestMessage> CreateRequest { get; }

    public string? TaskId { get; }

    /// <summary>generate: a repeated request may create (and charge) a second task.</summary>
    public bool CreatesTask { get; }

    /// <summary>What the call is about, for messages: the task id, or the quoted path of an upload.</summary>
    public string? Subject { get; }

    public string Display => Subject is null ? Endpoint : $"{Endpoint} {Subject}";

    /// <summary>
    /// Runs right before each attempt goes out, after any wait; an exception from it sends nothing and ends the call
    /// (the batch journal records "about to send" here).
    /// </summary>
    public Action? BeforeSend { get; set; }
}
