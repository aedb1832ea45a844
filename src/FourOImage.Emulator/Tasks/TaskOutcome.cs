namespace FourOImage.Emulator.Tasks;

/// <summary>
/// How a task ends, decided when it is created and revealed when its generation time has passed. The status follows
/// the flag as the platform's sibling doc pairs them: 2 CREATE_TASK_FAILED, 3 GENERATE_FAILED.
/// </summary>
internal sealed record TaskOutcome(int SuccessFlag, int? ErrorCode, string? ErrorMessage)
{
    public bool IsSuccess => SuccessFlag == 1;

    public string Status => SuccessFlag switch
    {
        1 => "SUCCESS",
        2 => "CREATE_TASK_FAILED",
        _ => "GENERATE_FAILED",
    };

    public static TaskOutcome Success { get; } = new(1, null, null);

    public static TaskOutcome GenerateFailed { get; } = new(2, 500, "Please try again later");

    public static TaskOutcome InternalError { get; } = new(3, 500, "Internal Error");

    public static TaskOutcome FetchFailed { get; } =
        new(2, 451, "Failed to fetch the image. Please check that the image URL is publicly accessible.");

    public static TaskOutcome ImageTooLarge { get; } = new(2, 400, "Image size exceeds maximum of 26214400 bytes");

    public static TaskOutcome ContentPolicy { get; } =
        new(3, 400, "Your content was flagged by OpenAI as violating content policies");
}
