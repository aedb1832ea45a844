namespace FourOImage;

/// <summary>No API key from any source; the message names the three ways to give one (-ApiKey, Connect-4oImage, FOUROIMAGE_API_KEY).</summary>
public sealed class ApiKeyMissingException : FourOImageException
{
    public ApiKeyMissingException()
        : base(Core.ClientConfiguration.MissingKeyMessage)
    {
    }
}
