using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;

namespace FourOImage.Bench;

/// <summary>
/// One cmdlet of a PowerShell pipeline without PowerShell: the same queue-and-drain sink as the module's
/// AsyncPipelineCmdlet (work runs off the pipeline thread; everything it writes, and every ShouldProcess question, is
/// replayed on the pipeline thread in ProcessRecord, or until the work is done in EndProcessing). WriteObject hands the
/// object to the next command's ProcessRecord synchronously, as PowerShell does. ShouldProcess answers yes, as with
/// no -WhatIf or -Confirm; like the module (ShouldProcessShortcut), it then answers at once on any thread and only
/// posts the verbose line.
/// </summary>
internal sealed class SimulatedCmdlet : IPipelineSink, IDisposable
{
    private readonly ConcurrentQueue<Action> _pending = new();
    private readonly AutoResetEvent _pendingSignal = new(false);
    private readonly Action<object> _downstream;
    private readonly PipelineTally _tally;
    private int _pipelineThreadId = -1;

    /// <param name="downstream">What WriteObject does on the pipeline thread: the next command's ProcessRecord, or the end of the pipeline.</param>
    public SimulatedCmdlet(Action<object> downstream, PipelineTally tally)
    {
        _downstream = downstream;
        _tally = tally;
    }

    private bool OnPipelineThread => Environment.CurrentManagedThreadId == _pipelineThreadId;

    public void BeginProcessing() => _pipelineThreadId = Environment.CurrentManagedThreadId;

    public void ProcessRecord(Action process)
    {
        DrainPending();
        process();
        DrainPending();
    }

    public void EndProcessing(Func<Task> complete)
    {
        DrainPending();
        var work = complete();
        WaitHandle[] wakeUps = { _pendingSignal, ((IAsyncResult)work).AsyncWaitHandle };
        while (!work.IsCompleted)
        {
            DrainPending();
            WaitHandle.WaitAny(wakeUps);
        }

        DrainPending();
        work.GetAwaiter().GetResult();
    }

    public void WriteObject(object item) => Post(() => _downstream(item));

    public void WriteError(PipelineError error) => Post(() => _tally.Error(error));

    public void WriteWarning(string text) => Post(() => _tally.Other());

    public void WriteVerbose(string text) => Post(() => _tally.Other());

    public void WriteDebug(string text) => Post(() => _tally.Other());

    public void WriteProgress(ProgressUpdate update) => Post(() => _tally.Other());

    public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
    {
        Post(() => _tally.Other());
        return Task.FromResult(true);
    }

    public void Dispose() => _pendingSignal.Dispose();

    private void Post(Action write)
    {
        if (OnPipelineThread)
        {
            DrainPending();
            write();
            return;
        }

        _pending.Enqueue(write);
        _pendingSignal.Set();
    }

    private void DrainPending()
    {
        while (_pending.TryDequeue(out var write))
        {
            write();
        }
    }
}
