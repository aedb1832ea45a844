using System;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Journal;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Behind Save-4oImage: a finished task is saved at once, an unfinished one (or a bare id) is waited for first, all
/// concurrently; ShouldProcess is asked per file; each saved file is emitted as soon as it is written, skipped files
/// are reported in verbose output, and a failed image is an error while the others go on.
/// </summary>
public sealed class SaveOperation : PipelineOperation, IDisposable
{
    public const string ShouldProcessAction = "Save 4o image";

    private readonly ImageDownloader _downloader;
    private readonly WaitStage _stage;
    private readonly Func<SaveResult, object> _toOutput;
    private readonly TaskJournals _journals;

    /// <param name="toOutput">Turns a saved file into the object to emit (the cmdlet: a FileInfo with TaskId, Index and Prompt).</param>
    public SaveOperation(
        IPipelineSink sink,
        FourOImageClient client,
        SaveOptions options,
        WaitOptions waitOptions,
        Func<SaveResult, object> toOutput,
        CancellationToken cancellationToken)
        : base(sink, cancellationToken)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        _toOutput = toOutput ?? throw new ArgumentNullException(nameof(toOutput));
        SaveOptions withConfirmation = options.Clone();
        withConfirmation.ShouldSave = (path, _, ct) => sink.ShouldProcessAsync(path, ShouldProcessAction, ct);
        withConfirmation.Service ??= client.Options.BaseUrl.Host;
        withConfirmation.Retry = client.Options.Retry;
        _downloader = new ImageDownloader(client.GetImageAsync, client.GetDownloadUrlAsync, withConfirmation);
        _journals = new TaskJournals(sink.WriteVerbose);
        _stage = new WaitStage(sink, client.GetTaskAsync, waitOptions, "Waiting for 4o image tasks to save", SaveAsync, cancellationToken, _journals);
    }

    /// <summary>The target folder as a full path.</summary>
    public string Directory => _downloader.Directory;

    public void Submit(TaskReference reference)
    {
        _journals.Track(reference.Task);
        if (reference.Task is { Status: TaskState.Success, ResultUrls.Count: > 0 } finished)
        {
            Track(Task.Run(() => SaveAsync(finished)));
        }
        else
        {
            _stage.Add(reference);
        }
    }

    public override async Task CompleteAsync()
    {
        await base.CompleteAsync().ConfigureAwait(false);
        await _stage.CompleteAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stage.Dispose();
        _journals.Dispose();
    }

    private Task SaveAsync(ImageTask task) =>
        GuardAsync(PipelineErrors.Areas.Save, task, () => _downloader.SaveAsync(task, Cancellation, result => Report(task, result)), ItemLabel.Of(task));

    private void Report(ImageTask task, SaveResult result)
    {
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
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
                if (result.Reason == SaveResult.SkippedExists)
                {
                    // The downloader checked it is a complete image (its signature) before skipping it.
                    _journals.RecordSaved(task, result.Index, result.FilePath, result.Bytes);
                }

                Sink.WriteVerbose($"Skipped {result.FilePath}: {result.Reason ?? "not saved"}.");
                break;
            default:
                Exception exception = result.Error ?? new FourOImageException($"Image {result.Index} of task {result.TaskId} was not saved.");
                PipelineError error = PipelineErrors.FromException(exception, PipelineErrors.Areas.Save, task);
                error.About = ItemLabel.Of(task);
                Sink.WriteError(error);
                break;
        }
    }
}
