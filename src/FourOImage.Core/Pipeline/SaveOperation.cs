using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Gallery;
using FourOImage.Core.Journal;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Behind Save-4oImage: a finished task is saved at once, an unfinished one (or a bare id) is waited for first, all
/// concurrently; ShouldProcess is asked per file; each saved file is emitted as soon as it is written, a file already
/// there from an earlier run is emitted too (and named in verbose output), and a failed image is an error while the
/// others go on.
/// </summary>
public sealed class SaveOperation : PipelineOperation, IDisposable
{
    public const string ShouldProcessAction = "Save 4o image";

    private readonly ImageDownloader _downloader;
    private readonly WaitStage _stage;
    private readonly Func<SaveResult, object> _toOutput;
    private readonly TaskJournals _journals;
    private readonly SaveProgress _progress;
    private readonly IReadOnlyList<int>? _indexes;
    private readonly TaskClients _clients;

    /// <param name="toOutput">Turns a saved file into the object to emit (the cmdlet: a FileInfo with TaskId, Index and Prompt).</param>
    public SaveOperation(
        IPipelineSink sink,
        FourOImageClient client,
        SaveOptions options,
        WaitOptions waitOptions,
        Func<SaveResult, object> toOutput,
        CancellationToken cancellationToken)
        : this(sink, TaskClients.Of(client ?? throw new ArgumentNullException(nameof(client))), options, waitOptions, toOutput, cancellationToken)
    {
    }

    /// <param name="clients">Each task is waited for and saved through the connection it carries, else the command's own.</param>
    public SaveOperation(
        IPipelineSink sink,
        TaskClients clients,
        SaveOptions options,
        WaitOptions waitOptions,
        Func<SaveResult, object> toOutput,
        CancellationToken cancellationToken)
        : base(sink, cancellationToken)
    {
        if (clients is null)
        {
            throw new ArgumentNullException(nameof(clients));
        }

        _clients = clients;

        _toOutput = toOutput ?? throw new ArgumentNullException(nameof(toOutput));
        SaveOptions withConfirmation = options.Clone();
        withConfirmation.ShouldSave = (path, _, ct) => sink.ShouldProcessAsync(path, ShouldProcessAction, ct);
        withConfirmation.ServiceOf = taskId => clients.ForId(taskId).Options.BaseUrl.Host;
        withConfirmation.Retry = clients.Settings.Retry;
        withConfirmation.Clock = clients.Settings.Clock;
        _progress = new SaveProgress(sink);
        withConfirmation.Receiving = _progress.Receiving;
        withConfirmation.Warning = sink.WriteWarning;
        _indexes = options.Indexes;
        _downloader = new ImageDownloader(clients.GetImageAsync, clients.GetDownloadUrlAsync, withConfirmation);
        _journals = new TaskJournals(sink.WriteVerbose);
        _stage = new WaitStage(sink, clients, waitOptions, "Waiting for 4o image tasks to save", SaveAsync, cancellationToken, _journals);
    }

    /// <summary>The target folder as a full path.</summary>
    public string Directory => _downloader.Directory;

    public override void RefreshProgress() => _stage.RefreshProgress();

    /// <summary>
    /// A task from the pipeline: saved at once when finished, else waited for first. Throws as
    /// <see cref="TaskClients.For"/> does when no client can serve the task.
    /// </summary>
    public void Submit(TaskReference reference)
    {
        _clients.For(reference);
        _journals.Track(reference.Task);
        if (reference.Task is { Status: TaskState.Success, ResultUrls.Count: > 0 } finished)
        {
            // Started on the calling (pipeline) thread: the file names are planned and ShouldProcess is asked for each
            // here, in this command's turn, and only the downloads go on in the background.
            Track(SaveAsync(finished));
        }
        else
        {
            _stage.Add(reference);
        }
    }

    public override async Task CompleteAsync()
    {
        _progress.InputEnded();
        await base.CompleteAsync().ConfigureAwait(false);
        await _stage.CompleteAsync().ConfigureAwait(false);
        _progress.Complete();
    }

    public void Dispose()
    {
        _stage.Dispose();
        _journals.Dispose();
        _progress.Dispose();
    }

    private async Task SaveAsync(ImageTask task)
    {
        // One result per image asked for (an index the task lacks is a failed result); images the downloader never
        // reported (it threw) are counted as not saved, so the bar's count stays true.
        int expected = _indexes?.Distinct().Count() ?? task.ResultUrls.Count;
        int reported = 0;
        _progress.Expect(expected);
        try
        {
            await GuardAsync(
                PipelineErrors.Areas.Save,
                task,
                () => RecordedAsync(task, () => _downloader.SaveAsync(task, Cancellation, result =>
                {
                    reported++;
                    Report(task, result);
                })),
                ItemLabel.Of(task)).ConfigureAwait(false);
        }
        finally
        {
            if (reported < expected)
            {
                _progress.NotSaved(null, expected - reported);
            }
        }
    }

    // A failure of the task's save as a whole is recorded in its batch, then reported as before.
    private async Task RecordedAsync(ImageTask task, Func<Task> save)
    {
        try
        {
            await save().ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !Cancellation.IsCancellationRequested)
        {
            task.Batch?.ImageNotSaved(task, null, PipelineErrors.FromException(error, PipelineErrors.Areas.Save, task));
            throw;
        }
    }

    private void Report(ImageTask task, SaveResult result)
    {
        result.Batch = task.Batch;
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                _progress.Saved(result.ImageKey, result.Bytes);
                _journals.RecordSaved(task, result.Index, result.FilePath, result.Bytes);
                if (result.RenamedFrom is { } taken)
                {
                    Sink.WriteVerbose($"Saved image {result.Index} of task {result.TaskId} as {result.FilePath}: '{taken}' is another image.");
                }

                if (result.Metadata == Metadata.MetadataPlacement.Sidecar)
                {
                    Sink.WriteVerbose($"Kept {result.FilePath} as the service sent it ({result.MetadataNote}); its prompt and task are in {Metadata.ImageFacts.SidecarPath(result.FilePath)}.");
                }

                Sink.WriteObject(_toOutput(result));
                break;
            case SaveOutcome.Skipped:
                Sink.WriteVerbose($"Skipped {result.FilePath}: {result.Reason ?? "not saved"}.");
                if (result.Reason != SaveResult.SkippedExists)
                {
                    _progress.NotSaved(result.ImageKey);
                }
                else
                {
                    _progress.Saved(result.ImageKey, result.Bytes);
                    // The downloader checked it is a complete image (its signature) before skipping it. It is this
                    // image's file, so it is emitted as a saved one is: a re-run gives the same output.
                    _journals.RecordSaved(task, result.Index, result.FilePath, result.Bytes);
                    Sink.WriteObject(_toOutput(result));
                }

                break;
            default:
                _progress.NotSaved(result.ImageKey);
                Exception exception = result.Error ?? new FourOImageException($"Image {result.Index} of task {result.TaskId} was not saved.");
                PipelineError error = PipelineErrors.FromException(exception, PipelineErrors.Areas.Save, task);
                task.Batch?.ImageNotSaved(task, result.Index, error);
                error.About = ItemLabel.Of(task);
                Sink.WriteError(error);
                break;
        }
    }
}
