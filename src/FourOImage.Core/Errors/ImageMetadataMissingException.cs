namespace FourOImage;

/// <summary>An image file carries no FourOImage metadata: no text chunk and no sidecar.</summary>
public sealed class ImageMetadataMissingException : FourOImageException
{
    public ImageMetadataMissingException(string message, string path)
        : base(message)
    {
        Path = path;
    }

    public string Path { get; }
}
