using System;
using System.Net;

namespace FourOImage.Core;

/// <summary>
/// A proxy address as given (-Proxy, FOUROIMAGE_PROXY), split into the address and the credential its user info
/// carries ("http://user:p%40ss@proxy:8080/", the form curl and HTTPS_PROXY use). The address kept never holds the
/// user info, so it can be shown in messages.
/// </summary>
internal sealed class ProxySetting
{
    private ProxySetting(Uri? address, NetworkCredential? credential)
    {
        Address = address;
        Credential = credential;
    }

    public Uri? Address { get; }

    public NetworkCredential? Credential { get; }

    public static ProxySetting Parse(string value, string settingName)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"{settingName} is not an absolute http or https URL (for example http://proxy.example.com:8080/).", settingName);
        }

        return From(uri, settingName);
    }

    public static ProxySetting From(Uri? proxy, string settingName)
    {
        if (proxy is null)
        {
            return new ProxySetting(null, null);
        }

        // The message never quotes the value: it may carry a password.
        if (!UrlSetting.IsHttp(proxy))
        {
            throw new ArgumentException($"{settingName} is not an absolute http or https URL (for example http://proxy.example.com:8080/).", settingName);
        }

        if (string.IsNullOrEmpty(proxy.UserInfo))
        {
            return new ProxySetting(proxy, null);
        }

        string userInfo = proxy.UserInfo;
        int colon = userInfo.IndexOf(':');
        string user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo.Substring(0, colon));
        string password = colon < 0 ? string.Empty : Uri.UnescapeDataString(userInfo.Substring(colon + 1));
        var address = new UriBuilder(proxy) { UserName = string.Empty, Password = string.Empty }.Uri;
        int backslash = user.IndexOf('\\');
        return new ProxySetting(address, backslash < 0
            ? new NetworkCredential(user, password)
            : new NetworkCredential(user.Substring(backslash + 1), password, user.Substring(0, backslash)));
    }

    /// <summary>"http://proxy:8080/ as bob", "the system proxy": for verbose text, never the password.</summary>
    public static string Describe(Uri? address, NetworkCredential? credential)
    {
        string where = address is null ? "the system proxy" : "proxy " + address.AbsoluteUri;
        return credential is null || string.IsNullOrEmpty(credential.UserName)
            ? where
            : where + " as " + (string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName);
    }
}
