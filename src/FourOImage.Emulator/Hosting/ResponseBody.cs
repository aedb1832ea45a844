using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Hosting;

/// <summary>Writes a finished body with its status, type and Content-Length.</summary>
internal static class ResponseBody
{
    public static async Task WriteAsync(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
