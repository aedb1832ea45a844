using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Emulator.Api;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Uploads;

/// <summary>
/// POST /api/file-url-upload {fileUrl, uploadPath, fileName?}: fetches the URL for the caller (30 s, at most 100 MB) and
/// stores it like any upload. A URL that cannot be fetched is refused with HTTP 200, "success": false and code 400.
/// </summary>
internal sealed class UrlUploadEndpoint : IDisposable
{
    public const long MaxBytes = 100L * 1024 * 1024;
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(30);

    private readonly UploadAcceptor _acceptor;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    public UrlUploadEndpoint(UploadAcceptor acceptor) => _acceptor = acceptor;

    public async Task HandleAsync(HttpContext context, string apiKey)
    {
        using var body = await JsonBody.ReadAsync(context);
        if (body is null || body.RootElement.ValueKind != JsonValueKind.Object)
        {
            await UploadAcceptor.RefuseAsync(context, ApiError.InvalidJson);
            return;
        }

        var fileUrl = JsonBody.StringField(body.RootElement, "fileUrl");
        var uploadPath = JsonBody.StringField(body.RootElement, "uploadPath");
        if (string.IsNullOrWhiteSpace(fileUrl) || string.IsNullOrWhiteSpace(uploadPath))
        {
            await UploadAcceptor.RefuseAsync(context, ApiError.Validation(string.IsNullOrWhiteSpace(fileUrl) ? "fileUrl is required." : "uploadPath is required."));
            return;
        }

        if (!Uri.TryCreate(fileUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            await UploadAcceptor.RefuseAsync(context, ApiError.Validation("fileUrl is not an http or https URL."));
            return;
        }

        var (content, mimeType, problem) = await FetchAsync(url, context.RequestAborted);
        if (problem is not null)
        {
            await UploadAcceptor.RefuseAsync(context, new ApiError(400, "Failed to download the file from the URL: " + problem));
            return;
        }

        var fileName = JsonBody.StringField(body.RootElement, "fileName") is { Length: > 0 } given ? given : Path.GetFileName(url.AbsolutePath);
        await _acceptor.AcceptAsync(context, uploadPath, fileName, mimeType, content!);
    }

    public void Dispose() => _http.Dispose();

    private async Task<(byte[]? Content, string? MimeType, string? Problem)> FetchAsync(Uri url, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(FetchTimeout);
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (null, null, $"HTTP {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                return (null, null, "the file is larger than 100 MB");
            }

            using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (copy.Length + read > MaxBytes)
                {
                    return (null, null, "the file is larger than 100 MB");
                }

                copy.Write(buffer, 0, read);
            }

            return (copy.ToArray(), response.Content.Headers.ContentType?.MediaType, null);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return (null, null, "no answer within 30 s");
        }
        catch (HttpRequestException e)
        {
            return (null, null, e.Message);
        }
    }
}
