namespace FourOImage.Core.Pipeline;

/// <summary>One progress record: the overall bar (ParentActivityId -1) or a child bar under it.</summary>
public sealed class ProgressUpdate
{
    public ProgressUpdate(int activityId, string activity, string statusDescription)
    {
        ActivityId = activityId;
        Activity = activity;
        StatusDescription = statusDescription;
    }

    public int ActivityId { get; }

    public int ParentActivityId { get; init; } = -1;

    public string Activity { get; }

    public string StatusDescription { get; }

    public string? CurrentOperation { get; init; }

    /// <summary>0 to 100, or -1 when unknown.</summary>
    public int PercentComplete { get; init; } = -1;

    public int SecondsRemaining { get; init; } = -1;

    /// <summary>The bar is finished and should disappear.</summary>
    public bool Completed { get; init; }
}
