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
        var upload = _store.FindLive(idAndName, _clock.Now);
        return upload is null
            ? ImageHostResponses.NotFoundAsync(context)
            : _responses.FileAsync(context, upload.Content, upload.MimeType);
    }
}
