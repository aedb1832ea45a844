namespace FourOImage.Core.Waiting;

/// <summary>
/// successFlag 1 with response null or no result URLs: described nowhere, so taken as a record not filled in yet. It is
/// asked for again through the new-task grace (counted from when it was first seen so), then reported naming the task.
/// </summary>
internal static class MissingResults
{
    public static bool Applies(ImageTask task) => task.Status == TaskState.Success && task.ResultUrls.Count == 0;
}
