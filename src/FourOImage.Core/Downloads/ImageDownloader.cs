using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Metadata;

namespace FourOImage.Core.Downloads;

/// <summary>
/// Saves the result images of finished tasks into one folder. One instance can serve many tasks at once; its
/// <see cref="SaveOptions.MaxParallel"/> bound is shared by all of them.
/// </summary>
public sealed class ImageDownloader
{
    // The fresh URL is valid for 20 minutes, so a transient failure on it gets one more try.
    private const int FreshUrlAttempts = 2;
    private static readonly TimeSpan TransientRetryDelay = TimeSpan.FromMilliseconds(500);

    private readonly Func<Uri, CancellationToken, Task<HttpResponseMessage>> getImage;
    private readonly Func<string, string, CancellationToken, Task<Uri>> getDownloadUrl;
    private readonly SaveOptions options;
    private readonly FileNameTemplate template;
    private readonly TargetFolder folder;
    private readonly ImageFileWriter writer;
    private readonly SemaphoreSlim slots;
    private int tempFilesSwept;

    /// <param name="getImage">Fetches an image URL, headers read, without the API key (e.g. <c>client.GetImageAsync</c>).</param>
    /// <param name="getDownloadUrl">Asks the service for a fresh URL for (taskId, result URL) (e.g. <c>client.GetDownloadUrlAsync</c>).</param>
    /// <param name="options">Where and how to save; validated here (ArgumentException naming the property).</param>
    public ImageDownloader(
        Func<Uri, CancellationToken, Task<HttpResponseMessage>> getImage,
        Func<string, string, CancellationToken, Task<Uri>> getDownloadUrl,
        SaveOptions options)
    {
        this.getImage = getImage ?? throw new ArgumentNullException(nameof(getImage));
        this.getDownloadUrl = getDownloadUrl ?? throw new ArgumentNullException(nameof(getDownloadUrl));
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        options.Validate();
        this.options = options.Clone();
        template = FileNameTemplate.Parse(this.options.FileNameTemplate);
        folder = new TargetFolder(this.options.Directory);
        writer = new ImageFileWriter(folder, this.options.Overwrite, this.options.StallTimeout) { Receiving = this.options.Receiving };
        slots = new SemaphoreSlim(this.options.MaxParallel, this.options.MaxParallel);
    }

    /// <summary>The target folder as a full path.</summary>
    public string Directory => folder.FullPath;

    /// <summary>
    /// Saves the task's images (all, or those in <see cref="SaveOptions.Indexes"/>) and returns one result per image,
    /// in index order. <paramref name="onEach"/> gets each result as soon as it is known; calls for one task never
    /// overlap. Throws <see cref="TaskNotSucceededException"/> for a task that is not finished with images, and
    /// <see cref="OperationCanceledException"/> on cancellation (no partial file is left).
    /// </summary>
    public async Task<IReadOnlyList<SaveResult>> SaveAsync(ImageTask task, CancellationToken cancellationToken = default, Action<SaveResult>? onEach = null)
    {
        if (task is null)
        {
            throw new ArgumentNullException(nameof(task));
        }

        if (task.Status != TaskState.Success || task.ResultUrls.Count == 0)
        {
            throw new TaskNotSucceededException(task);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var reportGate = new object();
        SaveResult Report(SaveResult result)
        {
            if (onEach is not null)
            {
                lock (reportGate)
                {
                    onEach(result);
                }
            }

            return result;
        }

        async Task<SaveResult> SaveAndReportAsync(ImageTarget target) =>
            Report(await SaveOneAsync(task, target, cancellationToken).ConfigureAwait(false));

        var work = new List<Task<SaveResult>>();
        try
        {
            foreach (var planned in Plan(task))
            {
                if (planned.Result is not null)
                {
                    work.Add(Task.FromResult(Report(planned.Result)));
                    continue;
                }

                var target = planned.Target!;
                if (!options.Overwrite && ExistingFile.Find(target.FullPath) is { } existing)
                {
                    work.Add(Task.FromResult(Report(Existing(task, target, existing))));
                    continue;
                }

                if (options.ShouldSave is { } shouldSave && !await shouldSave(target.FullPath, target.Index, cancellationToken).ConfigureAwait(false))
                {
                    work.Add(Task.FromResult(Report(Skipped(task, target, 0, SaveResult.SkippedDeclined))));
                    continue;
                }

                work.Add(SaveAndReportAsync(target));
            }
        }
        catch
        {
            // Downloads already started must end before the caller hears about the failure.
            await Task.WhenAll(work).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        return await Task.WhenAll(work).ConfigureAwait(false);
    }

    private List<PlannedImage> Plan(ImageTask task)
    {
        var indexes = options.Indexes?.Distinct().OrderBy(i => i).ToArray()
            ?? Enumerable.Range(0, task.ResultUrls.Count).ToArray();
        var planned = new List<PlannedImage>();
        var firstIndexByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var index in indexes)
        {
            if (index >= task.ResultUrls.Count)
            {
                var error = new ImageDownloadException(
                    $"Task {task.TaskId} has {task.ResultUrls.Count} image(s) (indexes 0 to {task.ResultUrls.Count - 1}); there is no image {index}.",
                    task.TaskId,
                    index);
                planned.Add(PlannedImage.Failed(Failure(task, index, string.Empty, error)));
                continue;
            }

            var url = task.ResultUrls[index];
            string fileName;
            string fullPath;
            try
            {
                fileName = template.Render(task, index, url);
                fullPath = folder.Resolve(fileName);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is PathTooLongException)
            {
                planned.Add(PlannedImage.Failed(Failure(task, index, string.Empty, ex)));
                continue;
            }

            if (firstIndexByName.TryGetValue(fileName, out var first))
            {
                var error = new ImageDownloadException(
                    $"The file name template '{template}' gives the same name '{fileName}' to images {first} and {index} of task {task.TaskId}; add {{Index}} to it.",
                    task.TaskId,
                    index);
                planned.Add(PlannedImage.Failed(Failure(task, index, fullPath, error)));
                continue;
            }

            firstIndexByName.Add(fileName, index);
            planned.Add(new PlannedImage(new ImageTarget(task.TaskId, index, url, fileName, fullPath), null));
        }

        return planned;
    }

    private async Task<SaveResult> SaveOneAsync(ImageTask task, ImageTarget target, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Created only when a file is about to be written: -WhatIf, or nothing left to save, leaves the disk as it was.
            folder.Create();

            // A temporary file left by a killed process belongs to an image that was never renamed into place, so a
            // resumed save always writes that image again and gets here.
            if (Interlocked.Exchange(ref tempFilesSwept, 1) == 0)
            {
                folder.RemoveAbandonedTempFiles();
            }

            var facts = options.WriteMetadata ? ImageFacts.From(task, target.Index, options.Service, DateTimeOffset.UtcNow) : null;
            var (written, usedDownloadUrl) = await DownloadAsync(target, facts, cancellationToken).ConfigureAwait(false);
            if (written.Bytes is null)
            {
                return Existing(task, target, ExistingFile.Find(target.FullPath) ?? ExistingFile.Broken(0));
            }

            return new SaveResult(SaveOutcome.Saved, task.TaskId, target.Index, task.Prompt, target.FullPath, written.Bytes.Value, usedDownloadUrl, null)
            {
                Metadata = written.Placement,
                MetadataNote = written.Note,
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = IsFileSystemError(ex) ? target.Failure($"could not be written to {target.FullPath}: {ex.Message}", innerException: ex) : ex;
            return Failure(task, target.Index, target.FullPath, error);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Tries the result URL first; when that fails in any way, asks the service for a fresh (presigned) URL and tries
    /// that, twice when the first try fails in a way that may pass.
    /// </summary>
    private async Task<((long? Bytes, MetadataPlacement Placement, string? Note) Written, bool UsedDownloadUrl)> DownloadAsync(ImageTarget target, ImageInfo? facts, CancellationToken cancellationToken)
    {
        Exception directError;
        if (Uri.TryCreate(target.ResultUrl, UriKind.Absolute, out var direct) && (direct.Scheme == Uri.UriSchemeHttps || direct.Scheme == Uri.UriSchemeHttp))
        {
            try
            {
                return (await FetchAsync(direct, target, facts, cancellationToken).ConfigureAwait(false), false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !NoOtherUrlHelps(ex))
            {
                directError = ex;
            }
        }
        else
        {
            directError = target.Failure("the result URL is not an http(s) URL.");
        }

        Uri fresh;
        try
        {
            fresh = await getDownloadUrl(target.TaskId, target.ResultUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !IsProxyRefusal(ex))
        {
            throw target.Failure(
                $"the direct download failed ({directError.Message}) and so did asking for a download URL ({ex.Message}).",
                (directError as ImageDownloadException)?.HttpStatus,
                ex);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await FetchAsync(fresh, target, facts, cancellationToken).ConfigureAwait(false), true);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && attempt < FreshUrlAttempts && IsTransient(ex))
            {
                await Task.Delay(TransientRetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !NoOtherUrlHelps(ex))
            {
                throw new ImageDownloadException(
                    $"{ex.Message} (through the download URL, after the direct download failed: {directError.Message})", target.TaskId, target.Index, (ex as ImageDownloadException)?.HttpStatus, ex);
            }
        }
    }

    // A cut-off body, a 5xx or a network fault may go away on a second try; a refusal (403, 404) will not.
    private static bool IsTransient(Exception error) => error switch
    {
        ImageDownloadException download => download.HttpStatus is null or 408 or 429 or >= 500,
        FourOImageApiException api => api.IsRetryable,
        _ => error is HttpRequestException,
    };

    // The writer lets only disk errors out raw (network ones are ImageDownloadException): no other URL will help.
    private static bool IsFileSystemError(Exception error) => error is IOException || error is UnauthorizedAccessException;

    // A proxy that wants credentials refuses every URL alike; its error says how to give them.
    private static bool IsProxyRefusal(Exception error) => error is FourOImageApiException { Kind: ApiErrorKind.ProxyAuthenticationRequired };

    private static bool NoOtherUrlHelps(Exception error) => IsFileSystemError(error) || IsProxyRefusal(error);

    private async Task<(long? Bytes, MetadataPlacement Placement, string? Note)> FetchAsync(Uri url, ImageTarget target, ImageInfo? facts, CancellationToken cancellationToken)
    {
        using var response = await getImage(url, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw target.Failure($"the image host answered HTTP {status} {response.ReasonPhrase}.", status);
        }

        return await writer.WriteAsync(response, target, facts, cancellationToken).ConfigureAwait(false);
    }

    private static SaveResult Existing(ImageTask task, ImageTarget target, ExistingFile existing)
    {
        if (existing.IsImage)
        {
            return Skipped(task, target, existing.Bytes, SaveResult.SkippedExists);
        }

        var error = target.Failure($"{target.FullPath} already exists but is not a valid image ({existing.Bytes} bytes); overwrite to replace it.");
        return new SaveResult(SaveOutcome.Failed, task.TaskId, target.Index, task.Prompt, target.FullPath, existing.Bytes, false, error);
    }

    private static SaveResult Skipped(ImageTask task, ImageTarget target, long bytes, string reason) =>
        new(SaveOutcome.Skipped, task.TaskId, target.Index, task.Prompt, target.FullPath, bytes, false, null, reason);

    private static SaveResult Failure(ImageTask task, int index, string fullPath, Exception error) =>
        new(SaveOutcome.Failed, task.TaskId, index, task.Prompt, fullPath, 0, false, error);

    private sealed record PlannedImage(ImageTarget? Target, SaveResult? Result)
    {
        public static PlannedImage Failed(SaveResult result) => new(null, result);
    }
}
