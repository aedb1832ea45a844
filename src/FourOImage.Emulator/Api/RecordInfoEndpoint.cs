using System;
using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using FourOImage.Emulator.Hosting;
using FourOImage.Emulator.Logging;
using FourOImage.Emulator.Tasks;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Api;

/// <summary>GET /api/v1/gpt4o-image/record-info?taskId=: the task as the live service shows it.</summary>
internal sealed class RecordInfoEndpoint
{
    private readonly TaskStore _tasks;
    private readonly RecordInfoRateLimiter _limiter;
    private readonly EmulatorClock _clock;
    private readonly EmulatorUrls _urls;
    private readonly FaultOptions _faults;
    private readonly EmulatorOptions _options;

    public RecordInfoEndpoint(TaskStore tasks, RecordInfoRateLimiter limiter, EmulatorClock clock, EmulatorUrls urls, FaultOptions faults, EmulatorOptions options)
    {
        _faults = faults;
        _options = options;
        _tasks = tasks;
        _limiter = limiter;
        _clock = clock;
        _urls = urls;
    }

    public Task HandleAsync(HttpContext context, string apiKey)
    {
        var taskId = context.Request.Query["taskId"].ToString();
        if (string.IsNullOrWhiteSpace(taskId))
        {
            return ApiEnvelope.ErrorAsync(context, ApiError.Validation("taskId is required."));
        }

        var now = _clock.Now;
        if (!_limiter.TryAcquire(taskId, now))
        {
            RequestRecord.Of(context)!.Limit = RequestLimits.RecordInfoRate;
            return ApiEnvelope.ErrorAsync(context, new ApiError(429, $"Too many requests: at most {RecordInfoRateLimiter.Limit} queries per second per task."));
        }

        var task = _tasks.FindOwned(taskId, apiKey);
        if (task is not null && !task.IsVisible(now))
        {
            // Just created, not visible yet: answered as the service answers then (FaultOptions.NewRecordDelay).
            return _faults.InvisibleRecordAnswer == InvisibleRecordAnswer.DataNull
                ? ApiEnvelope.WriteAsync(context, 200, "success", null)
                : ApiEnvelope.ErrorAsync(context, ApiError.RecordIsNull);
        }

        return task is null
            ? ApiEnvelope.ErrorAsync(context, ApiError.RecordIsNull)
            : ApiEnvelope.SuccessAsync(context, w => WriteRecord(w, task, now));
    }

    private void WriteRecord(Utf8JsonWriter w, EmulatedTask task, DateTimeOffset now)
    {
        var finished = task.IsFinished(now);
        var succeeded = finished && task.Outcome.IsSuccess;
        w.WriteStartObject();
        w.WriteString("taskId", task.Id);
        w.WriteString("paramJson", task.Request.ParamJson);
        if (finished) w.WriteNumber("completeTime", task.CompleteTime.ToUnixTimeMilliseconds());
        else w.WriteNull("completeTime");

        w.WritePropertyName("response");
        if (succeeded && !_faults.ResultsShown(task.CompleteTime, now))
        {
            WriteMissingResults(w);
        }
        else if (succeeded)
        {
            w.WriteStartObject();
            w.WriteStartArray("resultUrls");
            foreach (var url in task.ResultUrls(_urls.Image))
            {
                w.WriteStringValue(url);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteNumber("successFlag", finished ? task.Outcome.SuccessFlag : 0);
        w.WriteString("status", finished ? task.Outcome.Status : "GENERATING");
        if (finished && task.Outcome.ErrorCode is int code) WriteErrorCode(w, code);
        else w.WriteNull("errorCode");
        w.WriteString("errorMessage", succeeded && _options.EmptyErrorMessageOnSuccess ? "" : finished ? task.Outcome.ErrorMessage : null);
        w.WriteNumber("createTime", task.CreateTime.ToUnixTimeMilliseconds());
        w.WriteString("progress", Progress(task, now, finished, succeeded));
        w.WriteEndObject();
    }

    // Live: "0.00" until the task ends. With FractionalProgress: the share of the generation time gone by, as the docs show.
    private string Progress(EmulatedTask task, DateTimeOffset now, bool finished, bool succeeded)
    {
        if (finished || !_options.FractionalProgress)
        {
            return succeeded ? "1.00" : "0.00";
        }

        var total = (task.CompleteTime - task.CreateTime).TotalMilliseconds;
        var share = total <= 0 ? 0 : Math.Clamp((now - task.CreateTime).TotalMilliseconds / total, 0, 0.99);
        return (Math.Floor(share * 100) / 100).ToString("0.00", CultureInfo.InvariantCulture);
    }

    private void WriteErrorCode(Utf8JsonWriter w, int code)
    {
        switch (_faults.ErrorCodeForm)
        {
            case ErrorCodeForm.Text:
                w.WriteString("errorCode", code.ToString(CultureInfo.InvariantCulture));
                break;
            case ErrorCodeForm.Word:
                w.WriteString("errorCode", "GENERATION_FAILED");
                break;
            default:
                w.WriteNumber("errorCode", code);
                break;
        }
    }

    private void WriteMissingResults(Utf8JsonWriter w)
    {
        switch (_faults.MissingResultsAnswer)
        {
            case MissingResultsAnswer.EmptyResultUrls:
                w.WriteStartObject();
                w.WriteStartArray("resultUrls");
                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case MissingResultsAnswer.NoResultUrls:
                w.WriteStartObject();
                w.WriteEndObject();
                break;
            default:
                w.WriteNullValue();
                break;
        }
    }
}
