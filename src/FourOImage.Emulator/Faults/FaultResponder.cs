using System;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using FourOImage.Emulator.Api;
using FourOImage.Emulator.Hosting;
using FourOImage.Emulator.Logging;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace FourOImage.Emulator.Faults;

/// <summary>Carries out an injected fault. Returns true when the fault answered (or dropped) the request itself.</summary>
internal static class FaultResponder
{
    private static readonly byte[] EdgeRefusalBody = Encoding.UTF8.GetBytes("error code: 1010");

    /// <param name="serve">The endpoint itself, for faults that let the request be served first.</param>
    public static async Task<bool> ApplyAsync(HttpContext context, RequestRecord record, Fault fault, bool imageHost, Func<HttpContext, Task> serve)
    {
        record.Fault = fault;
        if (fault.RetryAfterSeconds is int seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        switch (fault.Kind)
        {
            case FaultKind.Slow:
                await Task.Delay(fault.Delay, context.RequestAborted);
                return false;
            case FaultKind.Truncate or FaultKind.Trickle or FaultKind.Endless or FaultKind.Corrupt when imageHost:
                return false; // the image endpoint shapes the body itself
            case FaultKind.Drop:
            case FaultKind.Truncate:
            case FaultKind.Trickle:
            case FaultKind.Endless:
            case FaultKind.Corrupt:
                record.Abort();
                return true;
            case FaultKind.LostAnswer:
                // The answer is written where it goes nowhere, so nothing of it has left when the connection closes.
                context.Response.Body = System.IO.Stream.Null;
                await serve(context);
                record.Commit(0);

                // A clean close (FIN), as a server closing a kept-alive connection sends it, not a reset.
                context.Features.Get<IConnectionSocketFeature>()?.Socket.Shutdown(SocketShutdown.Send);
                context.Abort();
                return true;
            case FaultKind.EdgeRefusal:
                await ResponseBody.WriteAsync(context, 403, "text/plain; charset=UTF-8", EdgeRefusalBody);
                return true;
            case FaultKind.BodyCode when !imageHost:
                await ApiEnvelope.WriteAsync(context, fault.Code, fault.Message ?? MessageOf(fault.Code), null, success: record.Endpoint == EmulatorEndpoints.Upload ? false : null);
                return true;
            case FaultKind.HttpStatus when !imageHost && !fault.EmptyBody && fault.Message is not null:
                await ApiEnvelope.WriteAsync(context, fault.Code, fault.Message, null,
                    success: record.Endpoint == EmulatorEndpoints.Upload ? false : null, httpStatus: fault.Code);
                return true;
            default:
                await HtmlErrorAsync(context, fault.Code, fault.EmptyBody);
                return true;
        }
    }

    private static string MessageOf(int code) => code switch
    {
        429 => "Too many requests, please slow down.",
        451 => "Failed to fetch the image.",
        455 => "Service under maintenance, please try again later.",
        500 => "Internal server error, please try again later.",
        505 => "This feature is currently disabled.",
        550 => "The queue is full, the task was rejected. Please try again later.",
        _ => "Error",
    };

    private static Task HtmlErrorAsync(HttpContext context, int status, bool empty)
    {
        if (empty)
        {
            context.Response.StatusCode = status;
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }

        var reason = ReasonPhrases.GetReasonPhrase(status);
        var body = Encoding.UTF8.GetBytes(
            $"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
        return ResponseBody.WriteAsync(context, status, "text/html", body);
    }
}
