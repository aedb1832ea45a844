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
    // "name (2).png" up to "name (999).png": far more than any folder should need, and still a bound.
    private const int MaxCandidates = 999;

    private readonly Func<Uri, CancellationToken, Task<HttpResponseMessage>> getImage;
    private readonly Func<string, string, CancellationToken, Task<Uri>> getDownloadUrl;
    private readonly SaveOptions options;
    private readonly FileNameTemplate template;
    private readonly TargetFolder folder;
    private readonly ImageFileWriter writer;
    private readonly FileNameClaims claims = new();
    private readonly bool templateNamesOneImage;
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
        writer = new ImageFileWriter(folder, this.options) { Receiving = this.options.Receiving };

        CheckTemplate();

        // Such a name can only ever belong to one image, so a file of that name without recorded facts is that image.
        templateNamesOneImage = template.HasField("TaskId") && template.HasField("Index");
        slots = new SemaphoreSlim(this.options.MaxParallel, this.options.MaxParallel);
    }

    // A template that gives an unusable name whatever the task (".." or the mark of a temporary file) is refused now,
    // before any task is paid for, rather than once per image; names that depend on a task are still checked per image.
    private void CheckTemplate()
    {
        var sample = new ImageTask(new string('0', 32)) { Status = TaskState.Success, Prompt = "sample", Size = "1:1", Variants = 1, CreateTime = DateTimeOffset.UtcNow };
        string? name = null;
        try
        {
            name = template.Render(sample, 0, "https://images.invalid/sample.png");
        }
        catch (ArgumentException) when (!template.HasField("Prompt") && !template.HasField("TaskId"))
        {
            throw new ArgumentException($"The file name template '{template.Text}' gives no usable file name; include {{TaskId}} and {{Index}}, e.g. '{FileNameTemplate.Default}'.", nameof(SaveOptions.FileNameTemplate));
        }
        catch (ArgumentException)
        {
            return; // depends on the task: checked per image
        }

        if (name.EndsWith(TargetFolder.TempSuffix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The file name template '{template.Text}' is not valid: its names end in '{TargetFolder.TempSuffix}', the mark of FourOImage's temporary files.",
                nameof(SaveOptions.FileNameTemplate));
        }

        try
        {
            folder.Resolve(name);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException(
                $"The file name template '{template.Text}' is not valid: it gives names that are not directly inside the folder ('{name}').",
                nameof(SaveOptions.FileNameTemplate),
                error);
        }
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
                if (!options.Overwrite && FindSavedCopy(task, target) is { } found)
                {
                    work.Add(Task.FromResult(Report(found)));
                    continue;
                }

                if (options.ShouldSave is { } shouldSave && !await shouldSave(target.FullPath, target.Index, cancellationToken).ConfigureAwait(false))
                {
                    work.Add(Task.FromResult(Report(Skipped(task, target, target.FullPath, 0, SaveResult.SkippedDeclined))));
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
        var available = ImagesAskedFor(task);
        var indexes = options.Indexes?.Distinct().OrderBy(i => i).ToArray()
            ?? Enumerable.Range(0, available).ToArray();
        var planned = new List<PlannedImage>();
        foreach (var index in indexes)
        {
            if (index >= available)
            {
                var error = new ImageDownloadException(
                    $"Task {task.TaskId} has {available} image(s) (indexes 0 to {available - 1}); there is no image {index}.",
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

            planned.Add(new PlannedImage(new ImageTarget(task.TaskId, index, url, fileName, fullPath), null));
        }

        return planned;
    }

    /// <summary>
    /// The images the task asked for (its variants; at most 4, the most any task can ask for, when unknown): more result
    /// URLs than that are not the task's images, so only these are saved, with a warning about the rest.
    /// </summary>
    private int ImagesAskedFor(ImageTask task)
    {
        var asked = task.Variants is int variants && variants > 0 ? variants : GenerateRequest.VariantCounts.Max();
        if (task.ResultUrls.Count <= asked)
        {
            return task.ResultUrls.Count;
        }

        options.Warning?.Invoke(
            $"Task {task.TaskId} asked for {asked} image(s){(task.Variants is null ? " at most" : string.Empty)} but the service sent {task.ResultUrls.Count} result URLs; "
            + $"only the first {asked} are saved and the other {task.ResultUrls.Count - asked} are ignored.");
        return asked;
    }

    /// <summary>
    /// Before any download: the image saved by an earlier run, found by what is recorded with the files at its name and
    /// at the names a collision would have given it ("name (2).png"...); or an error for a broken file at its own name.
    /// Null when it has to be downloaded (nothing found, or only a file without recorded facts to compare it with).
    /// </summary>
    private SaveResult? FindSavedCopy(ImageTask task, ImageTarget target)
    {
        var owner = target.Key;
        var candidate = 0;
        foreach (var name in FileNameClaims.Candidates(target.FileName, MaxCandidates))
        {
            var first = candidate++ == 0;
            if (claims.IsTakenByAnother(name, owner))
            {
                continue;
            }

            var presence = folder.Lookup(name);
            if (presence == NamePresence.Absent)
            {
                return null;
            }

            var path = Path.Combine(folder.FullPath, name);
            if (presence == NamePresence.OtherCase || System.IO.Directory.Exists(path))
            {
                continue;
            }

            if (first && ExistingFile.Find(path) is { IsImage: false } broken)
            {
                return Existing(task, target, broken);
            }

            switch (SameImage.FromRecord(path, target, first && templateNamesOneImage))
            {
                case SameImage.Verdict.Same when claims.TryClaim(name, owner):
                    return Skipped(task, target, path, new FileInfo(path).Length, SaveResult.SkippedExists);
                case SameImage.Verdict.Unknown:
                    return null;
            }
        }

        return null;
    }

    private async Task<SaveResult> SaveOneAsync(ImageTask task, ImageTarget target, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        string? downloaded = null;
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

            var facts = options.WriteMetadata ? ImageFacts.From(task, target.Index, options.Service ?? options.ServiceOf?.Invoke(task.TaskId), options.Clock.UtcNow) : null;
            bool usedDownloadUrl;
            (downloaded, usedDownloadUrl) = await DownloadAsync(target, cancellationToken).ConfigureAwait(false);
            return await PlaceAsync(task, target, downloaded, facts, usedDownloadUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = IsFileSystemError(ex)
                ? target.Failure($"could not be written to {target.FullPath}: {TempNames.Hide(ex.Message, target.FullPath)}", innerException: ex)
                : ex;
            return Failure(task, target.Index, target.FullPath, error);
        }
        finally
        {
            if (downloaded is not null)
            {
                ImageFileWriter.Discard(downloaded);
            }

            slots.Release();
        }
    }

    /// <summary>
    /// Gives the downloaded image its own name: the rendered one, or, when that holds another image (of this save or
    /// already on disk), the first free "name (2).png", "name (3).png"... A file that turns out to be this very image
    /// (by its recorded facts, or by its content) is kept and the image is reported as skipped. Nothing is overwritten
    /// except, with <see cref="SaveOptions.Overwrite"/>, the file at the rendered name or an earlier copy of this image.
    /// </summary>
    private async Task<SaveResult> PlaceAsync(ImageTask task, ImageTarget target, string downloaded, ImageInfo? facts, bool usedDownloadUrl, CancellationToken cancellationToken)
    {
        var owner = target.Key;
        var candidate = 0;
        foreach (var name in FileNameClaims.Candidates(target.FileName, MaxCandidates))
        {
            var first = candidate++ == 0;
            var path = first ? target.FullPath : folder.Resolve(name);

            // Twice at most: a file another process puts at a free name meanwhile is looked at like any other.
            for (var look = 0; look < 2; look++)
            {
                if (claims.IsTakenByAnother(name, owner))
                {
                    break;
                }

                var presence = folder.Lookup(name);
                if (presence == NamePresence.OtherCase || (presence == NamePresence.Exact && System.IO.Directory.Exists(path) && !first))
                {
                    break;
                }

                bool replace = false;
                if (presence == NamePresence.Exact)
                {
                    var verdict = SameImage.FromRecord(path, target, first && templateNamesOneImage);
                    if (verdict == SameImage.Verdict.Unknown)
                    {
                        verdict = SameImage.SameContent(path, downloaded) ? SameImage.Verdict.Same : SameImage.Verdict.Different;
                    }

                    replace = options.Overwrite && (first || verdict == SameImage.Verdict.Same);
                    if (!replace)
                    {
                        if (verdict == SameImage.Verdict.Same && claims.TryClaim(name, owner))
                        {
                            return Skipped(task, target, path, new FileInfo(path).Length, SaveResult.SkippedExists);
                        }

                        break;
                    }
                }

                if (!claims.TryClaim(name, owner))
                {
                    break;
                }

                var (bytes, placement, note) = await writer.PlaceAsync(downloaded, path, replace, facts, target, cancellationToken).ConfigureAwait(false);
                if (bytes is { } written)
                {
                    return new SaveResult(SaveOutcome.Saved, task.TaskId, target.Index, task.Prompt, path, written, usedDownloadUrl, null)
                    {
                        Metadata = placement,
                        MetadataNote = note,
                        RenamedFrom = first ? null : target.FileName,
                    };
                }

                claims.Release(name, owner);
            }
        }

        throw target.Failure($"'{target.FileName}' and the names after it up to '{FileNameClaims.Candidates(target.FileName, MaxCandidates).Last()}' are all taken by other files.");
    }

    /// <summary>
    /// The retry policy of every call (<see cref="SaveOptions.Retry"/>: at most 5 attempts within 2 minutes by default,
    /// with backoff), across two routes: the result URL first, then, once it fails, a fresh presigned URL from the
    /// service's download-url (asked again when the image host refuses one). A refusal is not waited on; a failure that
    /// may pass (5xx, 429, a dropped connection, a body cut short) is retried after the backoff. Returns the verified
    /// temporary file and whether it came through download-url.
    /// </summary>
    private async Task<(string Downloaded, bool UsedDownloadUrl)> DownloadAsync(ImageTarget target, CancellationToken cancellationToken)
    {
        var retry = new RetryPolicy(options.Retry, options.Clock);
        Uri? direct = Uri.TryCreate(target.ResultUrl, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp) ? parsed : null;
        Exception? directError = direct is null ? target.Failure("the result URL is not an http(s) URL.") : null;
        Uri? fresh = null;
        for (var attempt = 1; ; attempt++)
        {
            if (direct is null && fresh is null)
            {
                fresh = await AskForDownloadUrlAsync(target, directError!, cancellationToken).ConfigureAwait(false);
            }

            var url = fresh ?? direct!;
            Exception error;
            try
            {
                return (await FetchAsync(url, target, cancellationToken).ConfigureAwait(false), url == fresh);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !NoOtherUrlHelps(ex))
            {
                error = ex;
            }

            var transient = IsTransient(error);
            if (url == direct)
            {
                directError = error;
            }

            if (!retry.Failed())
            {
                throw GaveUp(target, error, directError, url == fresh, attempt);
            }

            // The result URL failed, or the presigned one was refused (expired?): the next attempt goes through a new one.
            if (url == direct || !transient)
            {
                try
                {
                    fresh = await AskForDownloadUrlAsync(target, directError!, cancellationToken).ConfigureAwait(false);
                }
                catch (ImageDownloadException) when (transient && url == direct)
                {
                    // download-url failed too, but the result URL may work on the next try.
                }
            }

            // A refusal is not waited on: the next attempt goes through a new URL at once.
            var delay = retry.Delay(backoff: transient) ?? throw GaveUp(target, error, directError, url == fresh, attempt);
            await retry.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Uri> AskForDownloadUrlAsync(ImageTarget target, Exception directError, CancellationToken cancellationToken)
    {
        try
        {
            return await getDownloadUrl(target.TaskId, target.ResultUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && !IsProxyRefusal(ex))
        {
            throw target.Failure(
                $"the direct download failed ({directError.Message}) and so did asking for a download URL ({ex.Message}).",
                (directError as ImageDownloadException)?.HttpStatus,
                ex);
        }
    }

    private static ImageDownloadException GaveUp(ImageTarget target, Exception last, Exception? directError, bool throughDownloadUrl, int attempts)
    {
        var route = throughDownloadUrl && directError is not null
            ? $" (through the download URL, after the direct download failed: {directError.Message})"
            : string.Empty;
        var tries = attempts > 1 ? $" Gave up after {attempts} attempts." : string.Empty;
        return new ImageDownloadException($"{last.Message}{route}{tries}", target.TaskId, target.Index, (last as ImageDownloadException)?.HttpStatus, last);
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

    private async Task<string> FetchAsync(Uri url, ImageTarget target, CancellationToken cancellationToken)
    {
        using var response = await getImage(url, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw target.Failure($"the image host answered HTTP {status} {response.ReasonPhrase}.", status);
        }

        return await writer.DownloadAsync(response, target, cancellationToken).ConfigureAwait(false);
    }

    private static SaveResult Existing(ImageTask task, ImageTarget target, ExistingFile existing)
    {
        var error = target.Failure($"{target.FullPath} already exists but is not a valid image ({existing.Bytes} bytes); overwrite to replace it.");
        return new SaveResult(SaveOutcome.Failed, task.TaskId, target.Index, task.Prompt, target.FullPath, existing.Bytes, false, error);
    }

    private static SaveResult Skipped(ImageTask task, ImageTarget target, string path, long bytes, string reason) =>
        new(SaveOutcome.Skipped, task.TaskId, target.Index, task.Prompt, path, bytes, false, null, reason);

    private static SaveResult Failure(ImageTask task, int index, string fullPath, Exception error) =>
        new(SaveOutcome.Failed, task.TaskId, index, task.Prompt, fullPath, 0, false, error);

    private sealed record PlannedImage(ImageTarget? Target, SaveResult? Result)
    {
        public static PlannedImage Failed(SaveResult result) => new(null, result);
    }
}
