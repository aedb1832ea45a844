using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using FourOImage.Core.Text;

namespace FourOImage.Commands;

/// <summary>
/// Fits progress text to the console it is drawn on: the activity (a prompt, on the child bars) is cut to half the
/// console's width in columns, as PowerShell cuts it in characters; and in PowerShell 7's Minimal view, which lays a
/// line out by counting characters (PowerShell/PowerShell#21293), wide characters are balanced so that a Japanese
/// prompt's line is as wide on screen as PowerShell thinks, and never wraps into fragments. Read on the pipeline thread.
/// </summary>
internal sealed class ProgressFit
{
    private readonly int _activityColumns;
    private readonly bool _balance;

    private ProgressFit(int activityColumns, bool balance)
    {
        _activityColumns = activityColumns;
        _balance = balance;
    }

    public static ProgressFit For(PSHost? host, SessionState sessionState)
    {
        int width = 0;
        try
        {
            width = host?.UI?.RawUI?.BufferSize.Width ?? 0;
        }
        catch (Exception error) when (error is NotImplementedException || error is PSNotImplementedException || error is HostException
            || error is InvalidOperationException || error is System.IO.IOException)
        {
            // A host without a console (a job, a remote or hosted runspace): nothing to fit.
        }

        return new ProgressFit(width > 20 ? (width / 2) - 2 : 0, MinimalView(sessionState));
    }

    public ProgressRecord Apply(ProgressRecord record)
    {
        string activity = _activityColumns > 0 ? DisplayWidth.Cut(record.Activity, _activityColumns) : record.Activity;
        record.Activity = Fit(activity);
        record.StatusDescription = Fit(record.StatusDescription);
        return record;
    }

    private string Fit(string text) => _balance && text.Length > 0 ? DisplayWidth.Balance(text) : NonEmpty(text);

    private static string NonEmpty(string text) => text.Length == 0 ? " " : text;

    // $PSStyle.Progress.View is 'Minimal' (PowerShell 7.2+'s default); Windows PowerShell has no $PSStyle.
    private static bool MinimalView(SessionState sessionState)
    {
        try
        {
            object? style = sessionState.PSVariable.GetValue("PSStyle");
            object? progress = style is null ? null : PSObject.AsPSObject(style).Properties["Progress"]?.Value;
            object? view = progress is null ? null : PSObject.AsPSObject(progress).Properties["View"]?.Value;
            return string.Equals(view?.ToString(), "Minimal", StringComparison.Ordinal);
        }
        catch (Exception error) when (error is GetValueException || error is ExtendedTypeSystemException || error is InvalidOperationException)
        {
            return false;
        }
    }
}
