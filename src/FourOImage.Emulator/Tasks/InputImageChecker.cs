using System;
using FourOImage.Emulator.Api;
using FourOImage.Emulator.Hosting;
using FourOImage.Emulator.Images;
using FourOImage.Emulator.Uploads;

namespace FourOImage.Emulator.Tasks;

/// <summary>
/// Decides whether the service could fetch a task's input images. URLs on other hosts are taken as fetchable
/// (the emulator has no internet); URLs on the emulator's own image host must point at a live upload or result,
/// and an upload must not exceed the service's 25 MiB.
/// </summary>
internal sealed class InputImageChecker
{
    public const long MaxImageBytes = 25L * 1024 * 1024;
    private readonly EmulatorUrls _urls;
    private readonly UploadStore _uploads;
    private readonly TaskStore _tasks;

    public InputImageChecker(EmulatorUrls urls, UploadStore uploads, TaskStore tasks)
    {
        _urls = urls;
        _uploads = uploads;
        _tasks = tasks;
    }

    /// <summary>The failure the task must end with, or null when every input image can be used.</summary>
    public TaskOutcome? Check(GenerateRequest request, DateTimeOffset now)
    {
        foreach (var url in request.FilesUrl)
        {
            if (Check(url, now) is { } failure)
            {
                return failure;
            }
        }

        return request.MaskUrl is null ? null : Check(request.MaskUrl, now);
    }

    private TaskOutcome? Check(string url, DateTimeOffset now)
    {
        var uri = new Uri(url);
        if (!string.Equals(uri.Authority, _urls.Image.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimStart('/');
        if (path.StartsWith(UploadedFileEndpoint.PathPrefix, StringComparison.Ordinal))
        {
            var upload = _uploads.FindLive(path[UploadedFileEndpoint.PathPrefix.Length..], now);
            return upload is null ? TaskOutcome.FetchFailed
                : upload.Content.Length > MaxImageBytes ? TaskOutcome.ImageTooLarge
                : null;
        }

        var fileName = path.StartsWith(ImageEndpoint.ResultPrefix, StringComparison.Ordinal) ? path[ImageEndpoint.ResultPrefix.Length..]
            : path.StartsWith(PresignedUrls.PathPrefix, StringComparison.Ordinal) ? path[PresignedUrls.PathPrefix.Length..]
            : null;
        return fileName is not null && _tasks.FindResult(fileName, now) is not null ? null : TaskOutcome.FetchFailed;
    }
}
