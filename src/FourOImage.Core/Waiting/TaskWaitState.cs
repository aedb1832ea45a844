namespace FourOImage.Core.Waiting;

/// <summary>Where one waited-for task stands, for progress reports.</summary>
public enum TaskWaitState
{
    Waiting = 0,
    Succeeded = 1,
    Failed = 2,
}
