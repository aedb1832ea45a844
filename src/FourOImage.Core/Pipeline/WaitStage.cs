using System;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Gallery;
using FourOImage.Core.Journal;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Waits for every task handed to it at once (one <see cref="TaskWaiter"/>, started at once so waiting overlaps with
/// input), shows the progress bars, reports a failed task as FourOImage.Task.Failed and hands each succeeded task to
/// <c>onSucceeded</c> the moment it ends. Shared by Wait-4oImageTask, New-4oImage -Wait and Save-4oImage.
/// </summary>
internal sealed class WaitStage : IDisposable
{
    private readonly IPipelineSink _sink;
    private readonly Func<ImageTask, Task> _onSucceeded;
    private readonly CancellationToken _cancellation;
    private readonly TaskWaiter _waiter;
    private readonly WaitProgressView _progress;
    private readonly PendingWork _followUps = new();
    private readonly Task _run;
    private readonly TaskJournals? _journals;
    private readonly TaskClients _clients;

    /// <param name="client">Polls the tasks; its <see cref="ClientOptions.NewTaskGracePeriod"/> is the grace for tasks just created.</param>
    public WaitStage(
        IPipelineSink sink,
        FourOImageClient client,
        WaitOptions options,
        string activity,
        Func<ImageTask, Task> onSucceeded,
        CancellationToken cancellationToken,
        TaskJournals? journals = null)
        : this(sink, TaskClients.Of(client), options, activity, onSucceeded, cancellationToken, journals)
    {
    }

    /// <param name="clients">Polls each task through its own connection; the grace for tasks just created is the command's.</param>
    public WaitStage(
        IPipelineSink sink,
        TaskClients clients,
        WaitOptions options,
        string activity,
        Func<ImageTask, Task> onSucceeded,
        CancellationToken cancellationToken,
        TaskJournals? journals = null)
    {
        _sink = sink;
        _journals = journals;
        _onSucceeded = onSucceeded;
        _cancellation = cancellationToken;
        _clients = clients;
        var waitOptions = options.Clone();
        waitOptions.NewTaskGrace = clients.Settings.NewTaskGracePeriod;
        _waiter = new TaskWaiter(clients.GetTaskAsync, waitOptions, clients.Settings.Clock);
        _progress = new WaitProgressView(ProgressIds.NextBlock(), activity);
        _waiter.TaskFinished += OnTaskFinished;
        _waiter.Progress += OnProgress;
        _run = Task.Run(() => _waiter.RunAsync(cancellationToken));
    }

    /// <summary>Throws as <see cref="TaskClients.For"/> does when no client can serve the task (nothing is added then).</summary>
    public void Add(TaskReference reference)
    {
        _clients.For(reference);
        _journals?.Track(reference.Task);
        if (reference.Task is { } task)
        {
            _waiter.Add(task);
        }
        else
        {
            _waiter.Add(reference.TaskId);
        }
    }

    public async Task CompleteAsync()
    {
        _waiter.Complete();
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (WaitTimeoutException timeout)
        {
            RecordNotFinished(timeout);
            _sink.WriteError(PipelineErrors.Timeout(PipelineErrors.Areas.Wait, timeout, timeout.RemainingTaskIds));
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            return;
        }

        await _followUps.WhenAllAsync().ConfigureAwait(false);
    }

    /// <summary>Redraws the bars with the times as they are now (from any thread).</summary>
    public void RefreshProgress() => _waiter.RequestProgress();

    public void Dispose() => _waiter.Dispose();

    // Runs on the waiter's loop: must not throw (that would stop the waiter) and must not block.
    private void OnTaskFinished(WaitOutcome outcome)
    {
        // A success without result URLs is not recorded as finished: a later run asks the service again.
        if (outcome.Task != null && outcome.Error is not TaskResultsMissingException)
        {
            _journals?.RecordFinished(outcome.Task);
        }

        if (outcome.Succeeded)
        {
            ImageTask task = outcome.Task!;
            _followUps.Add(Task.Run(() => _onSucceeded(task)));
        }
        else if (outcome.Task is { Status: TaskState.Failed } failed)
        {
            PipelineError error = PipelineErrors.TaskFailed(failed);
            failed.Batch?.TaskEnded(failed, GalleryFailureKind.Failed, error);
            error.About = ItemLabel.Of(failed);
            _sink.WriteError(error);
        }
        else
        {
            Exception exception = outcome.Error ?? new FourOImageException($"Task {outcome.TaskId} ended without a result.");
            PipelineError error = PipelineErrors.FromException(exception, PipelineErrors.Areas.Task, outcome.TaskId);
            outcome.Task?.Batch?.TaskEnded(outcome.Task, GalleryFailureKind.NotFinished, error);
            error.About = outcome.Task is { } last ? ItemLabel.Of(last) : null;
            _sink.WriteError(error);
        }
    }

    // Each task that ran out of time, in the batch it came from, told for that task alone.
    private static void RecordNotFinished(WaitTimeoutException timeout)
    {
        foreach (WaitOutcome remaining in timeout.Remaining)
        {
            if (remaining.Task is { Batch: { } batch } task)
            {
                var stillRunning = new TimeoutException($"Still generating when the wait's time ({timeout.Timeout}) ran out; the task may yet finish.");
                batch.TaskEnded(task, GalleryFailureKind.NotFinished, new PipelineError(stillRunning, "FourOImage.Wait.Timeout", PipelineErrorCategory.OperationTimeout, task.TaskId)
                {
                    RecommendedAction = $"Save its images later: Save-4oImage -TaskId {task.TaskId} -Path <folder> waits for it (the service keeps tasks for 14 days).",
                });
            }
        }
    }

    private void OnProgress(WaitProgress report)
    {
        foreach (ProgressUpdate update in _progress.Render(report))
        {
            _sink.WriteProgress(update);
        }
    }
}
