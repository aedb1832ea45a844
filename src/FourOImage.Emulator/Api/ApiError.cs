namespace FourOImage.Emulator.Api;

/// <summary>An application error as the service reports it: a body code and its message.</summary>
internal sealed record ApiError(int Code, string Message)
{
    public static ApiError Unauthorized { get; } = new(401, "You do not have access permissions");

    public static ApiError InvalidJson { get; } = new(400, "The request body is not valid JSON.");

    public static ApiError RecordIsNull { get; } = new(422, "record is null");

    public static ApiError Validation(string message) => new(422, message);
}
