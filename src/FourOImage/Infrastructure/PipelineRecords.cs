using System;
using System.Management.Automation;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>Converts Core's pipeline messages into PowerShell's records.</summary>
internal static class PipelineRecords
{
    public static ErrorRecord ToErrorRecord(PipelineError error)
    {
        var category = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), error.Category.ToString());
        var record = new ErrorRecord(error.Exception, error.ErrorId, category, error.TargetObject);
        if (error.HasShownMessage || error.RecommendedAction != null)
        {
            record.ErrorDetails = new ErrorDetails(error.ShownMessage) { RecommendedAction = error.RecommendedAction };
        }

        return record;
    }

    public static ProgressRecord ToProgressRecord(ProgressUpdate update)
    {
        var record = new ProgressRecord(update.ActivityId, NonEmpty(update.Activity), NonEmpty(update.StatusDescription))
        {
            ParentActivityId = update.ParentActivityId,
            PercentComplete = Math.Min(100, Math.Max(-1, update.PercentComplete)),
            SecondsRemaining = update.SecondsRemaining,
            RecordType = update.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        if (!string.IsNullOrEmpty(update.CurrentOperation))
        {
            record.CurrentOperation = update.CurrentOperation;
        }

        return record;
    }

    private static string NonEmpty(string text) => string.IsNullOrEmpty(text) ? " " : text;
}
