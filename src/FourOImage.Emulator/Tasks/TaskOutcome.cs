namespace FourOImage.Emulator.Tasks;

/// <summary>How a task ends, decided when it is created and revealed when its generation time has passed.</summary>
internal sealed record TaskOutcome(int SuccessFlag, string Status, int? ErrorCode, string? ErrorMessage)
{
    public bool IsSuccess => SuccessFlag == 1;

    public static TaskOutcome Success { get; } = new(1, "SUCCESS", null, null);

    public static TaskOutcome GenerateFailed { get; } = new(2, "GENERATE_FAILED", 500, "Please try again later");

    public static TaskOutcome InternalError { get; } = new(3, "CREATE_TASK_FAILED", 500, "Internal Error");

    public static TaskOutcome FetchFailed { get; } =
        new(2, "GENERATE_FAILED", 451, "Failed to fetch the image. Please check that the image URL is publicly accessible.");

    public static TaskOutcome ImageTooLarge { get; } = new(2, "GENERATE_FAILED", 400, "Image size exceeds maximum of 26214400 bytes");

    public static TaskOutcome ContentPolicy { get; } =
        new(3, "CREATE_TASK_FAILED", 400, "Your content was flagged by OpenAI as violating content policies");
}
