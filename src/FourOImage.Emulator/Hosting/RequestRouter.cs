using System;
using System.Threading.Tasks;
using FourOImage.Emulator.Api;
using FourOImage.Emulator.Faults;
using FourOImage.Emulator.Images;
using FourOImage.Emulator.Logging;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Hosting;

/// <summary>
/// The one request pipeline of both listeners: picks the route by port and path, logs the request, injects
/// faults, checks the bearer key and runs the endpoint.
/// </summary>
internal sealed class RequestRouter
{
    private readonly EmulatorServices _services;

    public RequestRouter(EmulatorServices services) => _services = services;

    public async Task HandleAsync(HttpContext context)
    {
        var imageHost = context.Connection.LocalPort == _services.Urls.ImagePort;
        var route = imageHost ? ImageRoute(context) : ApiRoute(context);
        var record = RequestRecord.Begin(_services.RequestLog, context, route.Host, route.Endpoint, _services.Clock.Now);
        record.TaskId = TaskIdIn(context, route.Endpoint, imageHost); // known before a fault can cut the request short
        if (_services.Faults.TextField == EnvelopeTextField.Message)
        {
            ApiEnvelope.UseMessageField(context);
        }

        try
        {
            var fault = route.Faultable ? _services.FaultInjector.Next(route.Endpoint) : null;
            if (fault is not null && await FaultResponder.ApplyAsync(context, record, fault, imageHost, route.Handler))
            {
                return;
            }

            await route.Handler(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            await ApiEnvelope.WriteAsync(context, 500, "Emulator error: " + e.Message, null);
        }
        finally
        {
            record.Commit(context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 0 : context.Response.StatusCode);
        }
    }

    private Route ApiRoute(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        return path switch
        {
            "/api/v1/gpt4o-image/generate" => Api(EmulatorEndpoints.Generate, HttpMethods.Post, method, _services.Generate.HandleAsync),
            "/api/v1/gpt4o-image/record-info" => Api(EmulatorEndpoints.RecordInfo, HttpMethods.Get, method, _services.RecordInfo.HandleAsync),
            "/api/v1/gpt4o-image/download-url" => Api(EmulatorEndpoints.DownloadUrl, HttpMethods.Post, method, _services.DownloadUrl.HandleAsync),
            "/api/v1/chat/credit" => Api(EmulatorEndpoints.Credit, HttpMethods.Get, method, _services.Credit.HandleAsync),
            "/api/file-stream-upload" => Api(EmulatorEndpoints.Upload, HttpMethods.Post, method, _services.Upload.HandleAsync, "upload"),
            "/api/file-base64-upload" => Api(EmulatorEndpoints.Upload, HttpMethods.Post, method, _services.Base64Upload.HandleAsync, "upload"),
            "/api/file-url-upload" => Api(EmulatorEndpoints.Upload, HttpMethods.Post, method, _services.UrlUpload.HandleAsync, "upload"),
            _ when path.StartsWith("/admin", StringComparison.Ordinal) =>
                new Route("admin", EmulatorEndpoints.Admin, _services.Admin.HandleAsync, Faultable: false),
            _ => new Route("api", EmulatorEndpoints.Other,
                c => ApiEnvelope.WriteAsync(c, 404, "Not Found", null), Faultable: false),
        };
    }

    private Route Api(string endpoint, string expectedMethod, string method, Func<HttpContext, string, Task> handler, string host = "api")
    {
        if (!string.Equals(expectedMethod, method, StringComparison.OrdinalIgnoreCase))
        {
            return new Route(host, endpoint, MethodNotAllowed(expectedMethod), Faultable: false);
        }

        var upload = endpoint == EmulatorEndpoints.Upload;
        return new Route(host, endpoint, context =>
        {
            var key = _services.Authenticator.Authenticate(context.Request);
            return key is null
                ? ApiEnvelope.ErrorAsync(context, ApiError.Unauthorized, success: upload ? false : null)
                : handler(context, key);
        }, Faultable: true);
    }

    private Route ImageRoute(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").TrimStart('/');
        var readable = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        Func<HttpContext, Task> handler =
            !readable ? MethodNotAllowed(HttpMethods.Get)
            : path.StartsWith(ImageEndpoint.ResultPrefix, StringComparison.Ordinal) ? c => _services.Images.ResultAsync(c, path[ImageEndpoint.ResultPrefix.Length..])
            : path.StartsWith(PresignedUrls.PathPrefix, StringComparison.Ordinal) ? c => _services.Images.PresignedAsync(c, path[PresignedUrls.PathPrefix.Length..])
            : path.StartsWith(Uploads.UploadedFileEndpoint.PathPrefix, StringComparison.Ordinal) ? c => _services.UploadedFiles.HandleAsync(c, path[Uploads.UploadedFileEndpoint.PathPrefix.Length..])
            : ImageHostResponses.NotFoundAsync;
        return new Route("image", EmulatorEndpoints.Image, handler, Faultable: readable);
    }

    private static string? TaskIdIn(HttpContext context, string endpoint, bool imageHost)
    {
        if (endpoint == EmulatorEndpoints.RecordInfo)
        {
            return context.Request.Query["taskId"].ToString() is { Length: > 0 } taskId ? taskId : null;
        }

        var path = context.Request.Path.Value ?? "";
        var isResult = path.StartsWith("/" + ImageEndpoint.ResultPrefix, StringComparison.Ordinal)
            || path.StartsWith("/" + PresignedUrls.PathPrefix, StringComparison.Ordinal);
        var underscore = path.IndexOf('_');
        return imageHost && isResult && underscore > 0 ? path[(path.IndexOf('/', 1) + 1)..underscore] : null;
    }

    private static Func<HttpContext, Task> MethodNotAllowed(string allowed) => context =>
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = allowed;
        return Task.CompletedTask;
    };
}
