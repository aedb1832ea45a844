using System;

namespace FourOImage.Core.Pipeline;

/// <summary>What to do about a task that ended failed, by what the service said: try again, rephrase, or fix an input.</summary>
internal static class FailedTaskAdvice
{
    private const string RetryWithJournal = "with -Journal, run the same command again with -RetryFailed (a new task, new credits)";

    public static string For(int? successFlag, string? errorCode, string? message)
    {
        if (errorCode == "400" || Mentions(message, "content polic") || Mentions(message, "flagged"))
        {
            return "The service refused the prompt or input images under its content policy: change them, then create a new task.";
        }

        if (errorCode == "451" || Mentions(message, "fetch") || Mentions(message, "exceeds maximum"))
        {
            return "An input image could not be used (it must be public and at most 25 MiB): fix it, then create a new task.";
        }

        if (successFlag == 2 || Mentions(message, "try again later"))
        {
            return $"The service could not generate the image this time; another try usually works. Create the task again: {RetryWithJournal}.";
        }

        if (successFlag == 3 || Mentions(message, "internal error"))
        {
            return "The service ended the task with an internal error, which is often how it refuses a prompt. Try once more "
                + $"({RetryWithJournal}); if it fails again, rephrase the prompt.";
        }

        return $"Create a new task: {RetryWithJournal}.";
    }

    private static bool Mentions(string? text, string words) =>
        text is not null && text.IndexOf(words, StringComparison.OrdinalIgnoreCase) >= 0;
}
