using System;

namespace FourOImage.Core;

/// <summary>
/// What download-url's refusals mean for the download, and what to do. Its 422s and 451 speak of the task's result, not
/// of the request: a 451 here means the service could not fetch the result image, not an input image.
/// </summary>
internal static class DownloadUrlRefusal
{
    /// <summary>The description and advice for a download-url failure the service explained; null for any other.</summary>
    public static (string Description, string Advice)? Explain(int? code, string? message)
    {
        if (code == 451)
        {
            return ("the service could not fetch the result image to make a download link (code 451)",
                "The result URL itself may still work: run Save-4oImage again later (results are kept 14 days).");
        }

        if (code != 422 || message is null)
        {
            return null;
        }

        if (Says(message, "result data not exist"))
        {
            return ("the service holds no result for this task (code 422), so there is nothing to download",
                "The task produced no image: create it again (a new task, new credits).");
        }

        if (Says(message, "result data is blank") || Says(message, "result data is empty"))
        {
            return ("the service has no result images for this task (code 422), so it gave no download link",
                "Run Save-4oImage again in a few minutes; if the service still has none (Get-4oImageTask shows no ResultUrls), "
                + "the task has no image: create it again.");
        }

        if (Says(message, "status is not success"))
        {
            return ("the service says the task has not succeeded (code 422), so it has no images to download",
                "Wait for the task (Wait-4oImageTask), then save it; a failed task has no images.");
        }

        if (Says(message, "within 14 days"))
        {
            return ("the task is older than the 14 days the service keeps results (code 422)",
                "Its images are gone from the service: create the task again.");
        }

        return null;
    }

    private static bool Says(string text, string words) => text.IndexOf(words, StringComparison.OrdinalIgnoreCase) >= 0;
}
