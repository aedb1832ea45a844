namespace FourOImage;

/// <summary>
/// A base URL is plain http:// to another machine, so the API key would cross the network unencrypted; raised before
/// any request. The message names the setting and says how to allow it.
/// </summary>
public sealed class UnencryptedAuthenticationException : FourOImageException
{
    public UnencryptedAuthenticationException(string message, string setting)
        : base(message)
    {
        Setting = setting;
    }

    /// <summary>The setting that holds the URL: BaseUrl, UploadBaseUrl, FOUROIMAGE_BASE_URL ...</summary>
    public string Setting { get; }
}
