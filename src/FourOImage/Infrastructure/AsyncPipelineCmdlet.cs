using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Gallery;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>
/// Base of every FourOImage cmdlet. Work runs off the pipeline thread; whatever it writes (objects, errors, warnings,
/// verbose, debug, ShouldProcess questions) is queued and replayed on the pipeline thread, the only thread
/// PowerShell lets write: without blocking in ProcessRecord, and until the work is done in EndProcessing. Progress
/// goes through the thread's <see cref="ProgressRelay"/>, so a bar moves even while another cmdlet of the pipeline
/// holds the thread, and the bars a command leaves open are completed when it ends; while a command waits on the
/// thread, every FourOImage command's bars are redrawn twice a second, so their times move.
/// Objects, errors and ShouldProcess questions wait for the command's turn on the pipeline thread.
/// StopProcessing (Ctrl+C) cancels <see cref="Cancellation"/>, the one token every HTTP call and wait observes.
/// </summary>
public abstract class AsyncPipelineCmdlet : PSCmdlet, IPipelineSink, IDisposable
{
    private readonly ConcurrentQueue<Action> _pending = new();
    private readonly AutoResetEvent _pendingSignal = new(false);
    private readonly CancellationTokenSource _stopping = new();
    private int _pipelineThreadId = -1;
    private ProgressRelay? _relay;
    private ProgressRelay.Source? _progress;
    private ProgressFit? _progressFit;
    private AsyncPipelineCmdlet? _upstream;
    private volatile AsyncPipelineCmdlet? _downstream;
    private bool _processing;
    private int _errorsWritten;
    private volatile bool _stoppedByUser;

    /// <summary>How often a command that waits on the pipeline thread has every bar redrawn (twice a second, so a time in whole seconds moves every second).</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Cancelled by Ctrl+C, by a downstream command that stops the pipeline early, and at disposal.</summary>
    protected CancellationToken Cancellation => _stopping.Token;

    protected IPipelineSink Sink => this;

    private bool OnPipelineThread => Environment.CurrentManagedThreadId == _pipelineThreadId;

    protected sealed override void BeginProcessing()
    {
        _pipelineThreadId = Environment.CurrentManagedThreadId;
        _relay = ProgressRelay.OfThisThread();
        _progressFit = ProgressFit.For(Host, SessionState);
        _progress = _relay.Join(ProgressSilenced());
        AsyncPipelineCmdlet? upstream = BatchLine.Began(this, previous => !previous._processing);
        Begin();
        _progress.Refresh = RefreshProgress;
        if (upstream != null)
        {
            _upstream = upstream;
            upstream._downstream = this;
        }
    }

    protected sealed override void ProcessRecord()
    {
        _processing = true;
        DrainPending();
        Process();
        DrainPending();
    }

    protected sealed override void EndProcessing()
    {
        DrainPending();

        // A ThrowTerminatingError made by Complete() before its first await propagates from here as PowerShell made it.
        try
        {
            _processing = true;
            DrainUntilDone(Complete());
        }
        finally
        {
            _progress!.Refresh = null;

            // Nothing left behind: a bar the work did not complete (it failed, timed out) goes with the command.
            if (!_stopping.IsCancellationRequested)
            {
                _progress!.CompleteOpen(CommandRuntime);
            }
        }

        // After the bars are gone: the summary, and with -FailOnError the one error that ends the script.
        EndBatch();
    }

    protected override void StopProcessing()
    {
        _stoppedByUser = true;
        _stopping.Cancel();
    }

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

    /// <summary>On the pipeline thread, twice a second while a command waits on it: redraw the bars (must not block).</summary>
    protected virtual void RefreshProgress()
    {
    }

    /// <summary>
    /// New-4oImage, Wait-4oImageTask and Save-4oImage: a stage of a batch. The last stage of a line tells the batch's
    /// summary at its end (and with -FailOnError on any stage, fails when a row gave no image) and the line Ctrl+C leaves.
    /// </summary>
    protected virtual bool IsBatchStage => false;

    /// <summary>-FailOnError was given to this command.</summary>
    protected virtual bool FailOnErrorRequested => false;

    /// <summary>The batches this command knows: New-4oImage's own, and those the tasks it took came from.</summary>
    protected virtual IEnumerable<BatchRecord> Batches => Array.Empty<BatchRecord>();

    /// <summary>Image files this command emitted (Save-4oImage).</summary>
    protected virtual int FilesEmitted => 0;

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
        if (_upstream != null)
        {
            _upstream._downstream = null;
        }

        BatchLine.Ended(this);
        DisposeOperation();
        TellStop();
        _progress?.Leave();
        GC.SuppressFinalize(this);
    }

    void IPipelineSink.WriteObject(object item) => Post(() => WriteObject(PrepareOutput(item)));

    void IPipelineSink.WriteError(PipelineError error)
    {
        Interlocked.Increment(ref _errorsWritten);
        Post(() => WriteError(PipelineRecords.ToErrorRecord(error)));
    }

    void IPipelineSink.WriteWarning(string text) => Post(() => WriteWarning(text));

    void IPipelineSink.WriteVerbose(string text) => Post(() => WriteVerbose(text));

    void IPipelineSink.WriteDebug(string text) => Post(() => WriteDebug(text));

    // Not through the pending queue: progress is written by whichever FourOImage cmdlet holds the pipeline thread.
    void IPipelineSink.WriteProgress(ProgressUpdate update)
    {
        if (_progress != null)
        {
            ProgressRecord record = PipelineRecords.ToProgressRecord(update);
            _progress.Post(_progressFit?.Apply(record) ?? record);
        }
    }

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

    // The last stage of a line (no FourOImage command after it) ends the batch: one summary in the information stream
    // (-InformationAction Continue shows it, -InformationVariable keeps it) and, with -FailOnError on any stage, one
    // terminating error when a row gave no image, after every row ran.
    private void EndBatch()
    {
        if (!IsBatchStage || _downstream != null)
        {
            return;
        }

        List<AsyncPipelineCmdlet> line = Line();
        BatchSummary summary = BatchTally.Summarize(line.SelectMany(c => c.Batches), line.Sum(c => c.FilesEmitted), line.Sum(c => Volatile.Read(ref c._errorsWritten)));
        WriteInformation(summary, new[] { BatchTally.SummaryTag });
        if (line.Any(c => c.FailOnErrorRequested) && BatchTally.Failure(summary) is { } failure)
        {
            // As a script's own `throw`: ThrowTerminatingError would end only this statement, and the script would go on
            // and exit 0; this ends the script (pwsh -File exits 1, an Azure Automation job fails) unless it is caught.
            ErrorRecord record = PipelineRecords.ToErrorRecord(failure);
            throw new RuntimeException(record.ErrorDetails?.Message ?? failure.Exception.Message, failure.Exception, record)
            {
                WasThrownFromThrowStatement = true,
            };
        }
    }

    // After Ctrl+C nothing can be written to the pipeline any more, so the last stage tells the host in one line what
    // the batch created, saved and did not send, and how to resume.
    private void TellStop()
    {
        if (!IsBatchStage || _downstream != null)
        {
            return;
        }

        try
        {
            // PowerShell calls StopProcessing on each command in turn from another thread, while the pipeline thread
            // already unwinds: this command may be disposed before its own turn, so any stage's stop counts.
            List<AsyncPipelineCmdlet> line = Line();
            if (!Stopping && !line.Any(stage => stage._stoppedByUser))
            {
                return;
            }

            if (BatchTally.StoppedLine(line.SelectMany(c => c.Batches).Distinct().ToList(), line.Sum(c => c.FilesEmitted)) is { } text)
            {
                Host?.UI?.WriteWarningLine(text);
            }
        }
        catch (Exception error) when (error is InvalidOperationException || error is NotImplementedException || error is PipelineStoppedException)
        {
            // A host that cannot write (a hosted runspace without a UI): nothing more to tell.
        }
    }

    // This command and the FourOImage commands before it in the same line, first to last.
    private List<AsyncPipelineCmdlet> Line()
    {
        var line = new List<AsyncPipelineCmdlet>();
        for (AsyncPipelineCmdlet? stage = this; stage != null; stage = stage._upstream)
        {
            line.Insert(0, stage);
        }

        return line;
    }

    // -ProgressAction (PowerShell 7.4+) when given, else $ProgressPreference: SilentlyContinue and Ignore show no bars.
    private bool ProgressSilenced()
    {
        object? preference = MyInvocation.BoundParameters.TryGetValue("ProgressAction", out object? bound) ? bound : GetVariableValue("ProgressPreference");
        try
        {
            var action = (ActionPreference)LanguagePrimitives.ConvertTo(preference ?? ActionPreference.Continue, typeof(ActionPreference), CultureInfo.InvariantCulture);
            return action == ActionPreference.SilentlyContinue || action == ActionPreference.Ignore;
        }
        catch (PSInvalidCastException)
        {
            return false;
        }
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
        _relay?.WriteAll(CommandRuntime);
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
        WaitHandle[] wakeUps = { _pendingSignal, ((IAsyncResult)work).AsyncWaitHandle, _stopping.Token.WaitHandle, _relay!.Posted };
        var sinceRefresh = Stopwatch.StartNew();
        while (!work.IsCompleted)
        {
            DrainPending();
            if (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            TimeSpan untilRefresh = RefreshInterval - sinceRefresh.Elapsed;
            if (untilRefresh <= TimeSpan.Zero)
            {
                // Every FourOImage command's bars, with their times as they are now; written in the next turn of the loop.
                _relay.RefreshAll();
                sinceRefresh.Restart();
                continue;
            }

            WaitHandle.WaitAny(wakeUps, untilRefresh);
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
