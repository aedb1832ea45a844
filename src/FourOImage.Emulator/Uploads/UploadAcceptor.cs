using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using FourOImage.Emulator.Api;
using FourOImage.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Uploads;

/// <summary>What both upload endpoints do once they have the bytes: store them and answer in the live shape.</summary>
internal sealed class UploadAcceptor
{
    private readonly UploadStore _store;
    private readonly EmulatorClock _clock;
    private readonly EmulatorUrls _urls;

    public UploadAcceptor(UploadStore store, EmulatorClock clock, EmulatorUrls urls)
    {
        _store = store;
        _clock = clock;
        _urls = urls;
    }

    public static Task RefuseAsync(HttpContext context, ApiError error) => ApiEnvelope.ErrorAsync(context, error, success: false);

    /// <param name="fileName">As the caller asked; reduced to a plain file name, or a default when empty.</param>
    public Task AcceptAsync(HttpContext context, string uploadPath, string? fileName, string? declaredMimeType, byte[] content)
    {
        var name = Path.GetFileName(fileName?.Trim() ?? "");
        if (name.Length == 0)
        {
            name = "upload.bin";
        }

        var path = uploadPath.Trim('/', ' ');
        var upload = _store.Add(name, path + "/" + name, MimeTypeOf(declaredMimeType, name), content, _clock.Now);
        var downloadUrl = new Uri(_urls.Image, UploadedFileEndpoint.PathPrefix + upload.Id + "/" + Uri.EscapeDataString(name)).AbsoluteUri;
        return ApiEnvelope.WriteAsync(context, 200, "File uploaded successfully", w =>
        {
            w.WriteStartObject();
            w.WriteString("fileName", upload.FileName);
            w.WriteString("filePath", upload.FilePath);
            w.WriteString("downloadUrl", downloadUrl);
            w.WriteNumber("fileSize", upload.Content.Length);
            w.WriteString("mimeType", upload.MimeType);
            w.WriteString("uploadedAt", upload.UploadedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }, success: true);
    }

    private static string MimeTypeOf(string? declared, string fileName)
    {
        if (!string.IsNullOrWhiteSpace(declared) && !declared.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return declared;
        }

        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" or ".jfif" or ".pjpeg" or ".pjp" => "image/jpeg",
            ".webp" => "image/webp",
            _ => "application/octet-stream",
        };
    }
}
