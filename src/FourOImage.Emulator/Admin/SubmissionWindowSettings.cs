using System;

namespace FourOImage.Emulator.Admin;

/// <summary>Body and answer of /admin/submission-window; a value left out of a PUT stays as it is.</summary>
internal sealed class SubmissionWindowSettings
{
    public int? Limit { get; set; }

    public double? WindowSeconds { get; set; }

    public static SubmissionWindowSettings Of(SubmissionWindow window) =>
        new() { Limit = window.Limit, WindowSeconds = window.Length.TotalSeconds };

    public void ApplyTo(SubmissionWindow window)
    {
        if (Limit is int limit)
        {
            window.Limit = limit;
        }

        if (WindowSeconds is double seconds)
        {
            window.Length = TimeSpan.FromSeconds(seconds);
        }
    }
}
