using System;
using System.Threading;

namespace FourOImage.Core;

/// <summary>What a batch row adds to one generate call: its time, and what to do around each request sent.</summary>
internal sealed class GenerateHooks
{
    /// <summary>How long a row keeps trying by default, from its first request.</summary>
    public static readonly TimeSpan DefaultRowTime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long the row may keep waiting out refusals that create no task (429 window full, 455 maintenance, 550 queue
    /// full), counted from its first request.
    /// </summary>
    public TimeSpan RowTime { get; init; } = DefaultRowTime;

    /// <summary>
    /// Called after a submission slot was taken and right before each request is sent (the journal's "about to
    /// send"). When it throws, nothing is sent and the exception ends the call.
    /// </summary>
    public Action? BeforeSend { get; init; }

    /// <summary>Called when the request joins the queue for a submission slot (before each attempt).</summary>
    public Action? Queued { get; init; }

    /// <summary>Called when the request has to wait for a submission slot (the window is full or the account paused).</summary>
    public Action? SlotWait { get; init; }

    /// <summary>Called when the service refused a request for certain and it will be sent again after waiting (the reason).</summary>
    public Action<string>? Deferred { get; init; }

    /// <summary>Told, once per process, what the user should know at Warning level (pacing that covers this process only).</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Cancels the HTTP request itself; waiting for a slot always stops at the call's own token at once.</summary>
    public CancellationToken? SendCancellation { get; init; }
}
