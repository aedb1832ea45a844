using System;

namespace FourOImage.Core;

/// <summary>Validates and normalises the base URL settings, naming the setting in every error.</summary>
internal static class UrlSetting
{
    public static Uri Parse(string value, string settingName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{settingName} is empty; give an absolute http or https URL.", settingName);
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"{settingName} '{Redaction.MaskUserInfo(value)}' is not an absolute http or https URL.", settingName);
        }

        return AsBaseUrl(uri, settingName);
    }

    /// <summary>Checks the scheme and makes sure the path ends with '/', so relative endpoint paths append to it.</summary>
    public static Uri AsBaseUrl(Uri uri, string settingName)
    {
        if (uri is null)
        {
            throw new ArgumentNullException(settingName);
        }

        if (!IsHttp(uri))
        {
            throw new ArgumentException($"{settingName} '{Redaction.MaskUserInfo(uri.OriginalString)}' is not an absolute http or https URL.", settingName);
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ArgumentException($"{settingName} '{Redaction.MaskUserInfo(uri.OriginalString)}' must not have a query or fragment.", settingName);
        }

        return uri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    public static bool IsHttp(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool IsHttpUrl(string? value) =>
        value is not null && Uri.TryCreate(value, UriKind.Absolute, out var uri) && IsHttp(uri);

    /// <summary>Same scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
