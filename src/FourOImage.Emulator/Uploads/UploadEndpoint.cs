using System;
using System.IO;
using System.Threading.Tasks;
using FourOImage.Emulator.Api;
using FourOImage.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Uploads;

/// <summary>POST /api/file-stream-upload (multipart: file, uploadPath, optional fileName), answered in the live shape.</summary>
internal sealed class UploadEndpoint
{
    private readonly UploadStore _store;
    private readonly EmulatorClock _clock;
    private readonly EmulatorUrls _urls;

    public UploadEndpoint(UploadStore store, EmulatorClock clock, EmulatorUrls urls)
    {
        _store = store;
        _clock = clock;
        _urls = urls;
    }

    public async Task HandleAsync(HttpContext context, string apiKey)
    {
        if (!context.Request.HasFormContentType)
        {
            await ApiEnvelope.ErrorAsync(context, new ApiError(400, "The request must be multipart/form-data with a file field."), success: false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("file");
        var uploadPath = form["uploadPath"].ToString().Trim('/', ' ');
        var error = file is null || file.Length == 0 ? ApiError.Validation("file is required.")
            : uploadPath.Length == 0 ? ApiError.Validation("uploadPath is required.")
            : null;
        if (error is not null)
        {
            await ApiEnvelope.ErrorAsync(context, error, success: false);
            return;
        }

        var fileName = Path.GetFileName(form["fileName"].ToString().Trim());
        if (fileName.Length == 0)
        {
            fileName = Path.GetFileName(file!.FileName);
        }

        if (fileName.Length == 0)
        {
            fileName = "upload.bin";
        }

        using var content = new MemoryStream();
        await file!.CopyToAsync(content, context.RequestAborted);
        var upload = _store.Add(fileName, uploadPath + "/" + fileName, MimeTypeOf(file.ContentType, fileName), content.ToArray(), _clock.Now);
        var downloadUrl = new Uri(_urls.Image, UploadedFileEndpoint.PathPrefix + upload.Id + "/" + Uri.EscapeDataString(fileName)).AbsoluteUri;
        await ApiEnvelope.WriteAsync(context, 200, "File uploaded successfully", w =>
        {
            w.WriteStartObject();
            w.WriteString("fileName", upload.FileName);
            w.WriteString("filePath", upload.FilePath);
            w.WriteString("downloadUrl", downloadUrl);
            w.WriteNumber("fileSize", upload.Content.Length);
            w.WriteString("mimeType", upload.MimeType);
            w.WriteString("uploadedAt", upload.UploadedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
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
            ".jpg" or ".jpeg" or ".jfif" => "image/jpeg",
            ".webp" => "image/webp",
            _ => "application/octet-stream",
        };
    }
}
