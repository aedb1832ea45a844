using System;
using System.Diagnostics;
using System.Net;
using System.Security;

namespace FourOImage.Core;

/// <summary>
/// The API key. It has no public way to read it back: its string form is always "****", so printing,
/// formatting or logging an options object can never show it.
/// </summary>
[DebuggerDisplay("****")]
public sealed class ApiKey
{
    private readonly string _value;

    private ApiKey(string value)
    {
        _value = value;
    }

    /// <summary>
    /// The key from text, trimmed. Its <see cref="ArgumentException"/> names no parameter: its message is shown as is
    /// wherever the key came from (-ApiKey, FOUROIMAGE_API_KEY, a secret).
    /// </summary>
    public static ApiKey FromString(string key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        // Keys pasted from a file or a web page often carry a trailing newline or spaces.
        var trimmed = key.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("The API key is empty.");
        }

        // Whitespace or control characters inside would break the Authorization header, and the
        // header's own error message would quote the key.
        foreach (var c in trimmed)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException("The API key contains spaces or control characters; check how it was copied.");
            }
        }

        return new ApiKey(trimmed);
    }

    public static ApiKey FromSecureString(SecureString key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        return FromString(new NetworkCredential(string.Empty, key).Password);
    }

    public override string ToString() => "****";

    /// <summary>The key itself, for the Authorization header and for scrubbing text. Never log it.</summary>
    internal string Reveal() => _value;
}
