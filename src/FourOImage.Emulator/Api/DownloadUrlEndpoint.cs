using System.Threading.Tasks;
using FourOImage.Emulator.Hosting;
using FourOImage.Emulator.Images;
using FourOImage.Emulator.Logging;
using FourOImage.Emulator.Tasks;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Api;

/// <summary>
/// POST /api/v1/gpt4o-image/download-url {taskId,url}: a presigned URL (plain string) valid 20 minutes, or the spec's 422s
/// (unknown record, not successful, older than 14 days, no result data).
/// </summary>
internal sealed class DownloadUrlEndpoint
{
    private readonly TaskStore _tasks;
    private readonly PresignedUrls _presigned;
    private readonly EmulatorClock _clock;
    private readonly EmulatorUrls _urls;
    private readonly FaultOptions _faults;

    public DownloadUrlEndpoint(TaskStore tasks, PresignedUrls presigned, EmulatorClock clock, EmulatorUrls urls, FaultOptions faults)
    {
        _faults = faults;
        _tasks = tasks;
        _presigned = presigned;
        _clock = clock;
        _urls = urls;
    }

    public async Task HandleAsync(HttpContext context, string apiKey)
    {
        using var body = await JsonBody.ReadAsync(context);
        if (body is null || body.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            await ApiEnvelope.ErrorAsync(context, ApiError.InvalidJson);
            return;
        }

        var taskId = JsonBody.StringField(body.RootElement, "taskId");
        var url = JsonBody.StringField(body.RootElement, "url");
        if (string.IsNullOrWhiteSpace(taskId) || string.IsNullOrWhiteSpace(url))
        {
            await ApiEnvelope.ErrorAsync(context, ApiError.Validation(string.IsNullOrWhiteSpace(taskId) ? ApiError.TaskIdRequiredMessage : "url is required."));
            return;
        }

        RequestRecord.Of(context)!.TaskId = taskId;
        var now = _clock.Now;
        var task = _tasks.FindOwned(taskId, apiKey);
        var error = task is null ? ApiError.RecordIsNull
            : !task.Succeeded(now) ? ApiError.Validation("record status is not success")
            : task.IsExpired(now) ? ApiError.Validation("Temporarily supports records within 14 days")
            : !_faults.ResultsShown(task.CompleteTime, now) ? ApiError.Validation(NoResultMessage(_faults.MissingResultsAnswer))
            : null;
        if (error is not null)
        {
            await ApiEnvelope.ErrorAsync(context, error);
            return;
        }

        var fileName = ResultFileName(url);
        if (fileName is null || task!.IndexOfResult(fileName) < 0)
        {
            await ApiEnvelope.ErrorAsync(context, ApiError.Validation("url is not a result of this task."));
            return;
        }

        var presigned = _presigned.Issue(_urls.Image, fileName, now);
        await ApiEnvelope.SuccessAsync(context, w => w.WriteStringValue(presigned));
    }

    // The vendor spec's three 422s for a record without results, one per way record-info shows it (a guess at the pairing).
    private static string NoResultMessage(MissingResultsAnswer answer) => answer switch
    {
        MissingResultsAnswer.EmptyResultUrls => "record result data is empty",
        MissingResultsAnswer.NoResultUrls => "record result data not exist",
        _ => "record result data is blank",
    };

    private static string? ResultFileName(string url)
    {
        if (!System.Uri.TryCreate(url, System.UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = uri.AbsolutePath;
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[(slash + 1)..];
    }
}
