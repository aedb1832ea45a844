using System;
using System.Text.Json;
using System.Threading.Tasks;
using FourOImage.Emulator.Api;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Uploads;

/// <summary>POST /api/file-base64-upload {base64Data, uploadPath, fileName?}; base64Data may be a data: URL.</summary>
internal sealed class Base64UploadEndpoint
{
    private readonly UploadAcceptor _acceptor;

    public Base64UploadEndpoint(UploadAcceptor acceptor) => _acceptor = acceptor;

    public async Task HandleAsync(HttpContext context, string apiKey)
    {
        using var body = await JsonBody.ReadAsync(context);
        if (body is null || body.RootElement.ValueKind != JsonValueKind.Object)
        {
            await UploadAcceptor.RefuseAsync(context, ApiError.InvalidJson);
            return;
        }

        var data = JsonBody.StringField(body.RootElement, "base64Data");
        var uploadPath = JsonBody.StringField(body.RootElement, "uploadPath");
        if (string.IsNullOrWhiteSpace(data) || string.IsNullOrWhiteSpace(uploadPath))
        {
            await UploadAcceptor.RefuseAsync(context, ApiError.Validation(string.IsNullOrWhiteSpace(data) ? "base64Data is required." : "uploadPath is required."));
            return;
        }

        var (mimeType, payload) = SplitDataUrl(data);
        byte[] content;
        try
        {
            content = Convert.FromBase64String(payload);
        }
        catch (FormatException)
        {
            await UploadAcceptor.RefuseAsync(context, ApiError.Validation("base64Data is not valid base64."));
            return;
        }

        await _acceptor.AcceptAsync(context, uploadPath, JsonBody.StringField(body.RootElement, "fileName"), mimeType, content);
    }

    private static (string? MimeType, string Payload) SplitDataUrl(string data)
    {
        // data:image/png;base64,AAAA
        var comma = data.IndexOf(',');
        if (!data.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || comma < 0)
        {
            return (null, data);
        }

        var semicolon = data.IndexOf(';');
        var end = semicolon > 0 && semicolon < comma ? semicolon : comma;
        return (data[5..end], data[(comma + 1)..]);
    }
}
