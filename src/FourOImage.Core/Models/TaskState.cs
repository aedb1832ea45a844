namespace FourOImage;

/// <summary>Where a generation task stands. Anything the service reports other than generating or success is a failure.</summary>
public enum TaskState
{
    Generating = 0,
    Success = 1,
    Failed = 2,
}
