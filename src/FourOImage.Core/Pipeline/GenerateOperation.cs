using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Waiting;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Behind New-4oImage: per record, ask ShouldProcess (the message names prompt, size and variants), upload local
/// files, create the task, and emit it; at most ThrottleLimit records at a time. With a wait stage (-Wait) the created
/// tasks are waited for together and each is emitted the moment it finishes.
/// </summary>
public sealed class GenerateOperation : ThrottledOperation, IDisposable
{
    public const string ShouldProcessAction = "Create a 4o image task (spends credits)";

    private readonly FourOImageClient _client;
    private readonly WaitStage? _wait;

    public GenerateOperation(IPipelineSink sink, FourOImageClient client, int throttleLimit, WaitOptions? waitOptions, CancellationToken cancellationToken)
        : base(sink, throttleLimit, cancellationToken)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        if (waitOptions != null)
        {
            _wait = new WaitStage(sink, client.GetTaskAsync, waitOptions, "Creating and waiting for 4o image tasks", EmitFinished, cancellationToken);
        }
    }

    /// <summary>Takes one record without blocking; asks ShouldProcess first, on the calling (pipeline) thread.</summary>
    public void Submit(GenerateInput input)
    {
        GenerateRequest request;
        try
        {
            request = input.ToRequest();
        }
        catch (ArgumentException error)
        {
            Sink.WriteError(PipelineErrors.FromException(error, PipelineErrors.Areas.Generate, input));
            return;
        }

        Task<bool> allowed = Sink.ShouldProcessAsync(input.Describe(), ShouldProcessAction, Cancellation);
        Start(PipelineErrors.Areas.Generate, input, async () =>
        {
            if (await allowed.ConfigureAwait(false))
            {
                await ThrottledAsync(() => CreateAsync(input, request)).ConfigureAwait(false);
            }
        });
    }

    public override async Task CompleteAsync()
    {
        await base.CompleteAsync().ConfigureAwait(false);
        if (_wait != null)
        {
            await _wait.CompleteAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _wait?.Dispose();

    private async Task CreateAsync(GenerateInput input, GenerateRequest request)
    {
        if (input.HasLocalFiles && !await UploadAsync(input, request).ConfigureAwait(false))
        {
            return;
        }

        string taskId = await _client.GenerateAsync(request, Cancellation).ConfigureAwait(false);
        var task = new ImageTask(taskId)
        {
            Status = TaskState.Generating,
            Prompt = request.Prompt,
            Size = request.Size,
            Variants = request.Variants,
        };
        Sink.WriteVerbose($"Created task {taskId} for {input.Describe()}.");
        if (_wait != null)
        {
            SeenTaskIds.Add(taskId);
            _wait.Add(new TaskReference(task));
        }
        else
        {
            EmitTask(task);
        }
    }

    // Uploads are reported under their own area (FourOImage.Upload.*) with the file as the target.
    private async Task<bool> UploadAsync(GenerateInput input, GenerateRequest request)
    {
        var paths = new List<string>(input.ImagePath ?? Array.Empty<string>());
        if (input.MaskPath != null)
        {
            paths.Add(input.MaskPath);
        }

        foreach (string path in paths)
        {
            UploadedFile uploaded;
            try
            {
                uploaded = await _client.UploadFileAsync(path, Cancellation).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !Cancellation.IsCancellationRequested)
            {
                Sink.WriteError(PipelineErrors.FromException(error, PipelineErrors.Areas.Upload, path));
                return false;
            }

            Sink.WriteVerbose($"Uploaded {path} as {uploaded.DownloadUrl}.");
            if (path == input.MaskPath)
            {
                request.MaskUrl = uploaded.DownloadUrl.AbsoluteUri;
            }
            else
            {
                request.FilesUrl.Add(uploaded.DownloadUrl.AbsoluteUri);
            }
        }

        return true;
    }

    private Task EmitFinished(ImageTask task)
    {
        EmitTask(task);
        return Task.CompletedTask;
    }
}
