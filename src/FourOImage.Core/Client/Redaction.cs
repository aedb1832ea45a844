using System;
using System.Text.RegularExpressions;

namespace FourOImage.Core;

/// <summary>
/// Hides what must never be shown in a message, a diagnostics line or an error: the API key, and the user info
/// ("user:password@") of any URL (the base URLs and proxy the module was given, or a URL in the service's own text).
/// </summary>
public sealed class Redaction
{
    public const string Mask = "****";

    // "scheme://user:password@host" (also JSON-escaped, ":\/\/"): everything between "//" and the '@' before the host.
    private static readonly Regex UserInfoInUrl = new(@"(?<=:(\\?/){2})[^/\\?#\s@""]+@", RegexOptions.CultureInvariant);

    private readonly string? secret;

    internal Redaction(ApiKey? key)
    {
        secret = key?.Reveal();
    }

    internal string? Apply(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (secret is not null && text.IndexOf(secret, StringComparison.Ordinal) >= 0)
        {
            text = text.Replace(secret, Mask);
        }

        return MaskUserInfo(text);
    }

    /// <summary>Replaces the user info of every URL in <paramref name="text"/> with "****".</summary>
    public static string MaskUserInfo(string text) =>
        text.IndexOf('@') < 0 ? text : UserInfoInUrl.Replace(text, Mask + "@");

    /// <summary>The URL itself with its user info masked: "http://****@host/" (usable for display, not for requests).</summary>
    public static Uri MaskUserInfo(Uri url)
    {
        if (!url.IsAbsoluteUri || url.UserInfo.Length == 0)
        {
            return url;
        }

        return new UriBuilder(url) { UserName = Mask, Password = string.Empty }.Uri;
    }
}
