using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>
/// Base of every FourOImage cmdlet. Work runs off the pipeline thread; whatever it writes (objects, errors, warnings,
/// verbose, debug, progress, ShouldProcess questions) is queued and replayed on the pipeline thread, the only thread
/// PowerShell lets write: without blocking in ProcessRecord, and until the work is done in EndProcessing.
/// StopProcessing (Ctrl+C) cancels <see cref="Cancellation"/>, the one token every HTTP call and wait observes.
/// </summary>
public abstract class AsyncPipelineCmdlet : PSCmdlet, IPipelineSink, IDisposable
{
    private readonly ConcurrentQueue<Action> _pending = new();
    private readonly AutoResetEvent _pendingSignal = new(false);
    private readonly CancellationTokenSource _stopping = new();
    private int _pipelineThreadId = -1;

    /// <summary>Cancelled by Ctrl+C, by a downstream command that stops the pipeline early, and at disposal.</summary>
    protected CancellationToken Cancellation => _stopping.Token;

    protected IPipelineSink Sink => this;

    private bool OnPipelineThread => Environment.CurrentManagedThreadId == _pipelineThreadId;

    protected sealed override void BeginProcessing()
    {
        _pipelineThreadId = Environment.CurrentManagedThreadId;
        Begin();
    }

    protected sealed override void ProcessRecord()
    {
        DrainPending();
        Process();
        DrainPending();
    }

    protected sealed override void EndProcessing()
    {
        DrainPending();

        // A ThrowTerminatingError made by Complete() before its first await propagates from here as PowerShell made it.
        DrainUntilDone(Complete());
    }

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Once per pipeline, on the pipeline thread: set up (create the client and the operation).</summary>
    protected virtual void Begin()
    {
    }

    /// <summary>Once per input record, on the pipeline thread: hand the record to the operation; must not block.</summary>
    protected virtual void Process()
    {
    }

    /// <summary>
    /// At the end of input: the task that ends when all work has ended. A failure of the task stops the command with
    /// an error mapped by PipelineErrors; call ThrowTerminatingError only before the first await, never inside it.
    /// </summary>
    protected abstract Task Complete();

    /// <summary>Turns an operation's result into what the cmdlet emits; runs on the pipeline thread, so it may build PSObjects.</summary>
    protected virtual object PrepareOutput(object item) => item;

    /// <summary>Releases what <see cref="Begin"/> created, when the command ends for any reason.</summary>
    protected virtual void DisposeOperation()
    {
    }

    /// <summary>Stops with a terminating error built from <paramref name="error"/>; for failures that leave nothing to do.</summary>
    protected void ThrowTerminating(PipelineError error) => ThrowTerminatingError(PipelineRecords.ToErrorRecord(error));

    public void Dispose()
    {
        // Work still running (the pipeline failed or was stopped) must not outlive the command.
        // The signal is not disposed: work being cancelled may still post (and set it) for a moment.
        _stopping.Cancel();
        DisposeOperation();
        GC.SuppressFinalize(this);
    }

    void IPipelineSink.WriteObject(object item) => Post(() => WriteObject(PrepareOutput(item)));

    void IPipelineSink.WriteError(PipelineError error) => Post(() => WriteError(PipelineRecords.ToErrorRecord(error)));

    void IPipelineSink.WriteWarning(string text) => Post(() => WriteWarning(text));

    void IPipelineSink.WriteVerbose(string text) => Post(() => WriteVerbose(text));

    void IPipelineSink.WriteDebug(string text) => Post(() => WriteDebug(text));

    void IPipelineSink.WriteProgress(ProgressUpdate update) => Post(() => WriteProgress(PipelineRecords.ToProgressRecord(update)));

    Task<bool> IPipelineSink.ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
    {
        if (OnPipelineThread)
        {
            return Task.FromResult(ShouldProcess(target, action));
        }

        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationTokenRegistration registration = cancellationToken.Register(() => answer.TrySetCanceled());
        Post(() =>
        {
            if (answer.Task.IsCompleted)
            {
                return;
            }

            try
            {
                answer.TrySetResult(ShouldProcess(target, action));
            }
            catch (Exception exception)
            {
                // The user chose to stop at the prompt (or the pipeline is stopping): the asking work ends too.
                answer.TrySetException(exception);
                throw;
            }
        });
        answer.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return answer.Task;
    }

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
        while (_pending.TryDequeue(out Action? write))
        {
            try
            {
                write();
            }
            catch
            {
                // PipelineStoppedException (Ctrl+C, Select-Object -First) or a terminating error from a stream with
                // ErrorAction Stop: nothing more will be written, so the remaining work is cancelled.
                _stopping.Cancel();
                throw;
            }
        }
    }

    private void DrainUntilDone(Task work)
    {
        WaitHandle[] wakeUps = { _pendingSignal, ((IAsyncResult)work).AsyncWaitHandle, _stopping.Token.WaitHandle };
        while (!work.IsCompleted)
        {
            DrainPending();
            if (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            WaitHandle.WaitAny(wakeUps);
        }

        DrainPending();
        if (work.IsFaulted)
        {
            // The first failure as thrown (not GetBaseException, which would dig below FourOImageApiException).
            Exception failure = work.Exception!.Flatten().InnerExceptions[0];
            if (failure is PipelineStoppedException stopped)
            {
                throw stopped;
            }

            ThrowTerminating(PipelineErrors.FromException(failure, TerminatingErrorArea, null));
        }

        if (work.IsCanceled)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>The error-id area used when the whole command fails (e.g. "Generate" for New-4oImage).</summary>
    protected abstract string TerminatingErrorArea { get; }
}
