namespace FourOImage.Emulator;

/// <summary>Names of the service limits that refuse requests, as in <see cref="RequestLogEntry.Limit"/>.</summary>
public static class RequestLimits
{
    /// <summary>A generate call beyond the submission window (code 429, dropped).</summary>
    public const string SubmissionWindow = "submission-window";

    /// <summary>A fourth record-info query for one task within a second (code 429).</summary>
    public const string RecordInfoRate = "record-info-rate";
}
