using System;
using System.Threading.Tasks;
using FourOImage.Emulator.Hosting;
using FourOImage.Emulator.Images;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Uploads;

/// <summary>Serves uploaded files on the image host: <c>/u/{id}/{fileName}</c>, for 3 days.</summary>
internal sealed class UploadedFileEndpoint
{
    public const string PathPrefix = "u/";
    private readonly UploadStore _store;
    private readonly EmulatorClock _clock;
    private readonly ImageHostResponses _responses;

    public UploadedFileEndpoint(UploadStore store, EmulatorClock clock, ImageHostResponses responses)
    {
        _store = store;
        _clock = clock;
        _responses = responses;
    }

    public Task HandleAsync(HttpContext context, string idAndName)
    {
        var slash = idAndName.IndexOf('/');
        var upload = slash > 0 ? _store.Find(idAndName[..slash]) : null;
        if (upload is null || upload.IsExpired(_clock.Now) || !string.Equals(idAndName[(slash + 1)..], upload.FileName, StringComparison.Ordinal))
        {
            return ImageHostResponses.NotFoundAsync(context);
        }

        return _responses.FileAsync(context, upload.Content, upload.MimeType);
    }
}
