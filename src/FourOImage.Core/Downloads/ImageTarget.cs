using System;

namespace FourOImage.Core.Downloads;

/// <summary>One image to save: which task and variant, and where it goes.</summary>
internal sealed record ImageTarget(string TaskId, int Index, string ResultUrl, string FileName, string FullPath)
{
    /// <summary>"taskId/index": which image this is, whatever name it ends up with.</summary>
    public string Key => SaveResult.KeyOf(TaskId, Index);

    /// <summary>An error about this image, its message starting with which image it is.</summary>
    public ImageDownloadException Failure(string problem, int? httpStatus = null, Exception? innerException = null) =>
        new($"Image {Index} of task {TaskId}: {problem}", TaskId, Index, httpStatus, innerException);
}
