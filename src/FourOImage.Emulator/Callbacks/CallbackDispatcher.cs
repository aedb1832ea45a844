using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Emulator.Hosting;
using FourOImage.Emulator.Tasks;

namespace FourOImage.Emulator.Callbacks;

/// <summary>
/// POSTs the callback of every task that has a callBackUrl once it ends (checked every 20 ms against the emulator
/// clock), retries failures after 1, 5 and 15 minutes times <see cref="EmulatorOptions.CallbackRetryScale"/>, and
/// optionally delivers a second time.
/// </summary>
internal sealed class CallbackDispatcher : IAsyncDisposable
{
    private static readonly TimeSpan[] RetryDelays = { TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15) };
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private readonly object _gate = new();
    private readonly List<CallbackJob> _jobs = new();
    private readonly List<CallbackDelivery> _deliveries = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly EmulatorOptions _options;
    private readonly EmulatorClock _clock;
    private readonly EmulatorUrls _urls;
    private readonly HttpClient _http;
    private readonly Random _duplicates;
    private Task _loop = Task.CompletedTask;

    public CallbackDispatcher(EmulatorOptions options, EmulatorClock clock, EmulatorUrls urls)
    {
        _options = options;
        _clock = clock;
        _urls = urls;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = options.CallbackTimeout };
        _duplicates = new Random(unchecked(options.Seed * 17 + 3));
    }

    public IReadOnlyList<CallbackDelivery> Deliveries
    {
        get { lock (_gate) { return _deliveries.ToArray(); } }
    }

    /// <summary>Tasks whose callback is still to be delivered (first time, retry or duplicate).</summary>
    public int Pending
    {
        get { lock (_gate) { return _jobs.Count; } }
    }

    public void Start() => _loop = Task.Run(LoopAsync);

    public void Schedule(EmulatedTask task)
    {
        if (task.Request.CallbackUrl is { } url)
        {
            lock (_gate)
            {
                _jobs.Add(new CallbackJob(task, new Uri(url)));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _http.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            CallbackJob[] due;
            var now = _clock.Now;
            lock (_gate)
            {
                due = _jobs.Where(j => !j.InFlight && j.Due <= now).ToArray();
                foreach (var job in due)
                {
                    job.InFlight = true;
                }
            }

            foreach (var job in due)
            {
                _ = DeliverAsync(job);
            }
        }
    }

    private async Task DeliverAsync(CallbackJob job)
    {
        var payload = CallbackPayload.Build(job.Task, _urls.Image, _options.CallbackSuccessMessage);
        int? status = null;
        string? error = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, job.Url)
            {
                Content = new StringContent(payload, Encoding.UTF8, "application/json"),
            };
            CallbackSignature.Sign(request, job.Task.Id, _options.CallbackSigningKey, _clock.Now);
            using var response = await _http.SendAsync(request, _stop.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"HTTP {status}";
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            return; // the server is stopping
        }
        catch (Exception e)
        {
            error = e is TaskCanceledException ? "Timed out" : e.Message;
        }

        lock (_gate)
        {
            job.Attempts++;
            var succeeded = error is null;
            _deliveries.Add(new CallbackDelivery(_clock.Now, job.Task.Id, job.Url, job.Attempts, payload, status, succeeded, error, IsDuplicate: job.Delivered));
            job.InFlight = false;
            if (succeeded)
            {
                // One draw per first success, so the number of duplicates for a seed does not depend on delivery order.
                var again = !job.Delivered && (_duplicates.NextDouble() < _options.CallbackDuplicateRate || _options.DeliverCallbacksTwice);
                job.Delivered = true;
                if (!again)
                {
                    _jobs.Remove(job);
                }
            }
            else if (job.Failures < RetryDelays.Length)
            {
                job.Due = _clock.Now + RetryDelays[job.Failures++] * _options.CallbackRetryScale;
            }
            else
            {
                _jobs.Remove(job);
            }
        }
    }
}
