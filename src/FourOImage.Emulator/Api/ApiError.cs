namespace FourOImage.Emulator.Api;

/// <summary>An application error as the service reports it: a body code and its message.</summary>
internal sealed record ApiError(int Code, string Message)
{
    public static ApiError Unauthorized { get; } = new(401, "You do not have access permissions");

    public static ApiError InvalidJson { get; } = new(400, "The request body is not valid JSON.");

    public static ApiError RecordIsNull { get; } = new(422, "record is null");

    /// <summary>Live on download-url without a task id: the service answers validation errors in Chinese too ("task id cannot be empty").</summary>
    public const string TaskIdRequiredMessage = "任务id不能为空";

    public static ApiError Validation(string message) => new(422, message);

    /// <summary>An empty balance, in the form the service uses with that code (402 and 429 alike; 500 as seen once).</summary>
    public static ApiError InsufficientCredits(int code) => code == 500
        ? new(500, "Credits insufficient : Your current balance isn't enough to run this request")
        : new(code, "The current credits are insufficient. Please top up.");
}
