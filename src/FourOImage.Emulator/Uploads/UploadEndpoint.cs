using System.IO;
using System.Threading.Tasks;
using FourOImage.Emulator.Api;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Uploads;

/// <summary>POST /api/file-stream-upload (multipart: file, uploadPath, optional fileName), answered in the live shape.</summary>
internal sealed class UploadEndpoint
{
    private readonly UploadAcceptor _acceptor;

    public UploadEndpoint(UploadAcceptor acceptor) => _acceptor = acceptor;

    public async Task HandleAsync(HttpContext context, string apiKey)
    {
        if (!context.Request.HasFormContentType)
        {
            await UploadAcceptor.RefuseAsync(context, new ApiError(400, "The request must be multipart/form-data with a file field."));
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("file");
        var uploadPath = form["uploadPath"].ToString();
        var error = file is null || file.Length == 0 ? ApiError.Validation("file is required.")
            : string.IsNullOrWhiteSpace(uploadPath) ? ApiError.Validation("uploadPath is required.")
            : null;
        if (error is not null)
        {
            await UploadAcceptor.RefuseAsync(context, error);
            return;
        }

        using var content = new MemoryStream();
        await file!.CopyToAsync(content, context.RequestAborted);
        var fileName = form["fileName"].ToString() is { Length: > 0 } given ? given : file.FileName;
        await _acceptor.AcceptAsync(context, uploadPath, fileName, file.ContentType, content.ToArray());
    }
}
