using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core;

/// <summary>
/// The 4o Image API: one method per endpoint. Cheap to create; every client with the same proxy and
/// connection limit shares one HttpClient for the life of the process. Thread-safe.
/// </summary>
public sealed class FourOImageClient
{
    internal const string GeneratePath = "api/v1/gpt4o-image/generate";
    internal const string RecordInfoPath = "api/v1/gpt4o-image/record-info";
    internal const string DownloadUrlPath = "api/v1/gpt4o-image/download-url";
    internal const string CreditPath = "api/v1/chat/credit";
    internal const string UploadPath = "api/file-stream-upload";

    /// <summary>The folder the upload service files local images under.</summary>
    internal const string UploadFolder = "fouroimage";

    private readonly ApiTransport _transport;

    private FourOImageClient(ClientOptions options, ApiTransport transport)
    {
        Options = options;
        _transport = transport;
    }

    public ClientOptions Options { get; }

    /// <summary>Receives one key-free line per request, answer and retry wait (for -Verbose).</summary>
    public Action<string>? Diagnostics
    {
        get => _transport.Diagnostics;
        set => _transport.Diagnostics = value;
    }

    internal ApiTransport Transport => _transport;

    /// <summary>
    /// Throws <see cref="FourOImageException"/> naming the three ways to give a key when <paramref name="options"/> has none,
    /// and <see cref="UnencryptedAuthenticationException"/> when a base URL is plain http:// to another machine (unless allowed).
    /// </summary>
    public static FourOImageClient Create(ClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var key = options.ApiKey ?? throw new ApiKeyMissingException();
        UnencryptedAuthentication.Check(options);
        return new FourOImageClient(options, new ApiTransport(HttpClientCache.Get(options), options, key));
    }

    /// <summary>A client over a given HttpClient instead of the process-wide one (tests put fault-injecting handlers in it).</summary>
    internal static FourOImageClient Create(ClientOptions options, SharedHttpClient http) =>
        new(options, new ApiTransport(http, options, options.ApiKey ?? throw new ApiKeyMissingException()));

    /// <summary>
    /// Creates a task and returns its id. Validates the request first. The request goes through the account's
    /// submission window (<see cref="ClientOptions.SubmissionLimit"/>), shared by every client, runspace and process of
    /// the account on this machine; a refusal that creates no task (429, 455, 550) is waited out and sent again for up to
    /// 10 minutes; other failures are retried only where no task can exist.
    /// </summary>
    public Task<string> GenerateAsync(GenerateRequest request, CancellationToken cancellationToken = default) =>
        GenerateAsync(request, null, cancellationToken);

    /// <summary><see cref="GenerateAsync(GenerateRequest, CancellationToken)"/> as a batch row sends it (its time, its journal).</summary>
    internal async Task<string> GenerateAsync(GenerateRequest request, GenerateHooks? hooks, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        request.Validate();
        var body = JsonSerializer.SerializeToUtf8Bytes(request.ToBody(), CoreJsonContext.Default.GenerateBody);
        var call = new ApiCall(
            "generate",
            HttpMethod.Post,
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(Options.BaseUrl, GeneratePath)) { Content = new SendOnceContent(body) },
            createsTask: true);
        var envelope = await GenerateSubmission.SendAsync(_transport, call, hooks, cancellationToken).ConfigureAwait(false);
        var taskId = JsonValues.String(JsonValues.Property(envelope.Data, "taskId"));
        if (string.IsNullOrWhiteSpace(taskId))
        {
            throw InvalidData(call, "data.taskId is missing");
        }

        CreatedTasks.Add(taskId!, Options.Clock.UtcNow);
        return taskId!;
    }

    /// <summary>
    /// <see cref="GenerateAsync"/>, answered as a generating <see cref="ImageTask"/> that already carries the
    /// request's prompt, size and variants (what New-4oImage emits).
    /// </summary>
    public async Task<ImageTask> SubmitAsync(GenerateRequest request, CancellationToken cancellationToken = default)
    {
        var taskId = await GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        return new ImageTask(taskId)
        {
            Status = TaskState.Generating,
            Prompt = string.IsNullOrWhiteSpace(request.Prompt) ? null : request.Prompt,
            Size = request.Size.Trim(),
            Variants = request.Variants,
            RetrievedAt = Options.Clock.UtcNow,
            CreatedLocally = Options.Clock.UtcNow,
            Connection = Options,
        };
    }

    /// <summary>
    /// The task as the service reports it now. When the service has no record of it ("record is null", or no data at
    /// all) the <see cref="FourOImageApiException"/> has <see cref="FourOImageApiException.RecordMissing"/> set: right
    /// after generate that can mean "not visible yet" (see <see cref="ClientOptions.NewTaskGracePeriod"/>).
    /// </summary>
    public async Task<ImageTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        RequireText(taskId, nameof(taskId));
        var url = new Uri(Options.BaseUrl, RecordInfoPath + "?taskId=" + Uri.EscapeDataString(taskId));
        var call = new ApiCall("record-info", HttpMethod.Get, () => new HttpRequestMessage(HttpMethod.Get, url), taskId);
        ApiEnvelope envelope;
        try
        {
            envelope = await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (FourOImageApiException error) when (error.Code == 422 && error.SaysRecordIsNull)
        {
            error.RecordMissing = true;
            throw;
        }

        if (envelope.Data.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            var missing = InvalidData(call, "data is null (no record of the task)");
            missing.RecordMissing = true;
            throw missing;
        }

        if (envelope.Data.ValueKind != JsonValueKind.Object)
        {
            throw InvalidData(call, "data is not an object");
        }

        ImageTask task = ImageTaskParser.Parse(envelope.Data, taskId, Options.Clock.UtcNow);
        task.Connection = Options;
        return task;
    }

    /// <summary>A presigned URL (valid about 20 minutes) for one of the task's result URLs.</summary>
    public async Task<Uri> GetDownloadUrlAsync(string taskId, string resultUrl, CancellationToken cancellationToken = default)
    {
        RequireText(taskId, nameof(taskId));
        RequireText(resultUrl, nameof(resultUrl));
        var body = JsonSerializer.SerializeToUtf8Bytes(new DownloadUrlBody { TaskId = taskId, Url = resultUrl }, CoreJsonContext.Default.DownloadUrlBody);
        var call = new ApiCall("download-url", HttpMethod.Post, () => Post(DownloadUrlPath, body), taskId);
        var envelope = await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
        var text = DownloadUrlParser.Parse(envelope.Data);
        return UrlSetting.IsHttpUrl(text) ? new Uri(text!) : throw InvalidData(call, "data is not an absolute URL");
    }

    /// <summary>The account's remaining credits (fractional on the live service).</summary>
    public async Task<decimal> GetCreditAsync(CancellationToken cancellationToken = default)
    {
        var url = new Uri(Options.BaseUrl, CreditPath);
        var call = new ApiCall("credit", HttpMethod.Get, () => new HttpRequestMessage(HttpMethod.Get, url));
        var envelope = await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
        var credits = JsonValues.Decimal(envelope.Data.ValueKind == JsonValueKind.Undefined ? null : envelope.Data);
        return credits ?? throw InvalidData(call, "data is not a number");
    }

    /// <summary>
    /// Sends a local png/jpg/jpeg/jfif/pjpeg/pjp/webp image (at most 25 MiB, checked before sending) to the upload service
    /// and returns where it lives. Bad files raise <see cref="ArgumentException"/> or <see cref="FileNotFoundException"/> naming the path.
    /// </summary>
    public async Task<UploadedFile> UploadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = LocalImageFile.Inspect(path);
        var url = new Uri(Options.UploadBaseUrl, UploadPath);
        var call = new ApiCall("upload", HttpMethod.Post, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = UploadContent(file) },
            subject: $"'{file.FullPath}'");
        var envelope = await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
        var data = envelope.Data;
        var downloadUrl = JsonValues.String(JsonValues.Property(data, "downloadUrl", "fileUrl"));
        if (!UrlSetting.IsHttpUrl(downloadUrl))
        {
            throw InvalidData(call, "data.downloadUrl is not an absolute URL");
        }

        return new UploadedFile(file.FullPath, new Uri(downloadUrl!))
        {
            FileName = JsonValues.String(JsonValues.Property(data, "fileName")),
            FilePath = JsonValues.String(JsonValues.Property(data, "filePath")),
            FileSize = (long?)JsonValues.Decimal(JsonValues.Property(data, "fileSize")),
            MimeType = JsonValues.String(JsonValues.Property(data, "mimeType")),
            UploadedAt = ServiceTime.Parse(JsonValues.Property(data, "uploadedAt")),
        };
    }

    /// <summary>
    /// GET a result image with only the headers read; the caller streams the body and disposes the response.
    /// The Authorization header is sent only when <paramref name="url"/> is on the API host. Any HTTP status is returned;
    /// network faults and timeouts raise <see cref="FourOImageApiException"/> (endpoint "image").
    /// </summary>
    public Task<HttpResponseMessage> GetImageAsync(Uri url, CancellationToken cancellationToken = default)
    {
        if (url is null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        if (!UrlSetting.IsHttp(url))
        {
            throw new ArgumentException($"'{Redaction.MaskUserInfo(url.OriginalString)}' is not an absolute http or https URL.", nameof(url));
        }

        return _transport.GetImageAsync(url, cancellationToken);
    }

    private HttpRequestMessage Post(string path, byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpRequestMessage(HttpMethod.Post, new Uri(Options.BaseUrl, path)) { Content = content };
    }

    private static MultipartFormDataContent UploadContent(LocalImageFile file)
    {
        var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var fileContent = new StreamContent(stream);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue(file.MimeType);
        return new MultipartFormDataContent
        {
            { fileContent, "file", file.FileName },
            { new StringContent(UploadFolder), "uploadPath" },
            { new StringContent(file.FileName), "fileName" },
        };
    }

    private FourOImageApiException InvalidData(ApiCall call, string problem) =>
        ApiErrorText.ToException(
            call,
            new CallFailure
            {
                Kind = ApiErrorKind.InvalidResponse,
                HttpStatus = 200,
                Code = 200,
                Summary = problem,
                Description = $"the service answered code 200 but {problem}",
                TaskMayExist = call.CreatesTask,
            },
            1,
            _transport.Redaction);

    private static void RequireText(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} is required.", name);
        }
    }
}
