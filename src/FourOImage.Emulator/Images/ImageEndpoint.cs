using System;
using System.Threading.Tasks;
using FourOImage.Emulator.Hosting;
using FourOImage.Emulator.Tasks;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Images;

/// <summary>
/// Serves result images on the image host: <c>/s/{file}</c> (the result URL, for 14 days after completion) and
/// <c>/dl/{file}?X-Amz-...</c> (presigned, 20 minutes). No authentication, like a CDN.
/// </summary>
internal sealed class ImageEndpoint
{
    public const string ResultPrefix = "s/";
    private readonly TaskStore _tasks;
    private readonly ImageCache _cache;
    private readonly TaggedPictures? _tagged;
    private readonly PresignedUrls _presigned;
    private readonly EmulatorClock _clock;
    private readonly ImageHostResponses _responses;

    public ImageEndpoint(TaskStore tasks, ImageCache cache, TaggedPictures? tagged, PresignedUrls presigned, EmulatorClock clock, ImageHostResponses responses)
    {
        _tasks = tasks;
        _cache = cache;
        _tagged = tagged;
        _presigned = presigned;
        _clock = clock;
        _responses = responses;
    }

    public Task ResultAsync(HttpContext context, string fileName) => ServeAsync(context, fileName);

    public Task PresignedAsync(HttpContext context, string fileName)
    {
        var refusal = _presigned.Check(fileName, context.Request.Query, _clock.Now);
        return refusal is null
            ? ServeAsync(context, fileName)
            : ImageHostResponses.ErrorAsync(context, 403, "AccessDenied", refusal);
    }

    private Task ServeAsync(HttpContext context, string fileName)
    {
        if (_tasks.FindResult(fileName, _clock.Now) is not (var task, var index))
        {
            return ImageHostResponses.NotFoundAsync(context);
        }

        return _tagged is null
            ? _responses.FileAsync(context, _cache.Get(task.Id, index, task.Request.Size), "image/png")
            : ServeTaggedAsync(context, task.Id, index, task.Request.Size);
    }

    private async Task ServeTaggedAsync(HttpContext context, string taskId, int index, string size)
    {
        using var image = _tagged!.Get(taskId, index, size);
        await _responses.FileAsync(context, image.Bytes, "image/png");
    }
}
