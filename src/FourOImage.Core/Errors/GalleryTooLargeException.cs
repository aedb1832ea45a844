namespace FourOImage;

/// <summary>Export-4oImageGallery -Embed was asked to inline more image bytes than its cap.</summary>
public sealed class GalleryTooLargeException : FourOImageException
{
    public GalleryTooLargeException(string message)
        : base(message)
    {
    }
}
