using System.Threading.Tasks;
using FourOImage.Emulator.Credits;
using FourOImage.Emulator.Hosting;
using FourOImage.Emulator.Logging;
using FourOImage.Emulator.Tasks;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Api;

/// <summary>
/// POST /api/v1/gpt4o-image/generate: admit it through the submission window (the excess is a 429, dropped), validate,
/// debit the credits of every image, create the task.
/// </summary>
internal sealed class GenerateEndpoint
{
    private readonly TaskStore _tasks;
    private readonly InputImageChecker _inputs;
    private readonly CreditLedger _ledger;
    private readonly SubmissionWindow _window;
    private readonly FaultOptions _faults;
    private readonly EmulatorClock _clock;
    private readonly decimal _creditsPerImage;

    public GenerateEndpoint(TaskStore tasks, InputImageChecker inputs, CreditLedger ledger, SubmissionWindow window, FaultOptions faults, EmulatorClock clock, decimal creditsPerImage)
    {
        _faults = faults;
        _window = window;
        _tasks = tasks;
        _inputs = inputs;
        _ledger = ledger;
        _clock = clock;
        _creditsPerImage = creditsPerImage;
    }

    public async Task HandleAsync(HttpContext context, string apiKey)
    {
        if (!_window.TryAdmit(apiKey, _clock.Now))
        {
            RequestRecord.Of(context)!.Limit = RequestLimits.SubmissionWindow;
            await ApiEnvelope.ErrorAsync(context, new ApiError(429, _window.RejectionMessage));
            return;
        }

        using var body = await JsonBody.ReadAsync(context);
        if (body is null)
        {
            await ApiEnvelope.ErrorAsync(context, ApiError.InvalidJson);
            return;
        }

        var error = GenerateRequestParser.TryParse(body.RootElement, out var request);
        if (error is not null)
        {
            await ApiEnvelope.ErrorAsync(context, error);
            return;
        }

        if (!_ledger.TryDebit(apiKey, _creditsPerImage * request!.Variants))
        {
            await ApiEnvelope.ErrorAsync(context, ApiError.InsufficientCredits(_faults.InsufficientCreditsCode));
            return;
        }

        var now = _clock.Now;
        var task = _tasks.Create(apiKey, request, now, _inputs.Check(request, now));
        RequestRecord.Of(context)!.TaskId = task.Id;
        await ApiEnvelope.SuccessAsync(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("taskId", task.Id);
            w.WriteEndObject();
        });
    }
}
