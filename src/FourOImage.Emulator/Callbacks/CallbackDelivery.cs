using System;

namespace FourOImage.Emulator;

/// <summary>
/// One callback POST the emulator made. <paramref name="Attempt"/> counts from 1 per task; <paramref name="HttpStatus"/>
/// is null when no answer came (refused, timed out); <paramref name="IsDuplicate"/> marks the configured second delivery.
/// </summary>
public sealed record CallbackDelivery(DateTimeOffset Time, string TaskId, Uri Url, int Attempt, string Payload,
    int? HttpStatus, bool Succeeded, string? Error, bool IsDuplicate);
