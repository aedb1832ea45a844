using System;
using System.Net;

namespace FourOImage.Core;

/// <summary>
/// Refuses, before any request, a base URL that would carry the API key in clear text over the network: plain http://
/// to a host that is not this machine (loopback names and addresses stay allowed, for the emulator), unless
/// <see cref="ClientOptions.AllowUnencryptedAuthentication"/> says the user means it, as the web cmdlets do.
/// </summary>
public static class UnencryptedAuthentication
{
    /// <summary>True when the key may go to <paramref name="url"/>: https, or http to this machine.</summary>
    public static bool IsSafe(Uri url) =>
        url is null || !url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttp || IsThisMachine(url);

    /// <summary>Throws <see cref="UnencryptedAuthenticationException"/> naming the setting when the options would send the key unencrypted.</summary>
    /// <param name="baseUrlSetting">Where the base URL came from (-BaseUrl, FOUROIMAGE_BASE_URL ...), for the message.</param>
    /// <param name="uploadSetting">Where the upload base URL came from.</param>
    public static void Check(ClientOptions options, string baseUrlSetting = "BaseUrl", string uploadSetting = "UploadBaseUrl")
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (options.AllowUnencryptedAuthentication || options.ApiKey is null)
        {
            return;
        }

        Refuse(options.BaseUrl, baseUrlSetting);
        Refuse(options.UploadBaseUrl, uploadSetting);
    }

    private static void Refuse(Uri url, string setting)
    {
        if (IsSafe(url))
        {
            return;
        }

        var shown = Redaction.MaskUserInfo(url);
        throw new UnencryptedAuthenticationException(
            $"{setting} '{shown}' is plain http:// to another machine: the API key would cross the network unencrypted, "
            + "so nothing was sent. Use https:// (" + Https(shown) + "), or, if you mean it (a trusted network), add "
            + "-AllowUnencryptedAuthentication to Connect-4oImage or to the command.",
            setting);
    }

    private static string Https(Uri url) => new UriBuilder(url) { Scheme = Uri.UriSchemeHttps, Port = url.IsDefaultPort ? -1 : url.Port }.Uri.AbsoluteUri;

    // localhost, 127.0.0.0/8 and ::1 (Uri.IsLoopback), and the usual names of this machine's loopback.
    private static bool IsThisMachine(Uri url)
    {
        if (url.IsLoopback)
        {
            return true;
        }

        var host = url.DnsSafeHost.TrimEnd('.');
        if (host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
