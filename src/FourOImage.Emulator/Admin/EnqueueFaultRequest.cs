namespace FourOImage.Emulator.Admin;

/// <summary>Body of POST /admin/faults/enqueue.</summary>
internal sealed class EnqueueFaultRequest
{
    public string Endpoint { get; set; } = "";

    public FaultKind Kind { get; set; }

    public int Code { get; set; }

    public int DelayMs { get; set; }

    public int? RetryAfterSeconds { get; set; }

    public bool EmptyBody { get; set; }

    public int Count { get; set; } = 1;

    /// <summary>bodyCode: the message to answer with; httpStatus: answer with the JSON envelope carrying it.</summary>
    public string? Message { get; set; }

    public Fault ToFault() => new()
    {
        Kind = Kind,
        Code = Code,
        Delay = System.TimeSpan.FromMilliseconds(DelayMs),
        RetryAfterSeconds = RetryAfterSeconds,
        EmptyBody = EmptyBody,
        Message = Message,
    };
}
