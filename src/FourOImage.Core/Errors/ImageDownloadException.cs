using System;

namespace FourOImage;

/// <summary>A result image could not be saved: the host refused it, the body was cut short or was not an image, or the file could not be written.</summary>
public sealed class ImageDownloadException : FourOImageException
{
    public ImageDownloadException(string message, string taskId, int index, int? httpStatus = null, Exception? innerException = null)
        : base(message, innerException)
    {
        TaskId = taskId;
        Index = index;
        HttpStatus = httpStatus;
    }

    public string TaskId { get; }

    /// <summary>0-based position of the image in the task's result URLs.</summary>
    public int Index { get; }

    /// <summary>The image host's HTTP status when it answered with an error.</summary>
    public int? HttpStatus { get; }
}
