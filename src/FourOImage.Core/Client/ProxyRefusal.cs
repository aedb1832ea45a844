using System;
using System.Net;
using System.Net.Http;

namespace FourOImage.Core;

/// <summary>
/// A proxy that answered 407 Proxy Authentication Required: as an answer to a plain HTTP request, or as the failure
/// of the CONNECT tunnel an HTTPS request needs. Nothing reached the service, and no retry can help, so the error says
/// how to give the proxy what it wants.
/// </summary>
internal static class ProxyRefusal
{
    public const int HttpStatus = 407;

    public static CallFailure Failure(ClientOptions options, Exception? inner) => new()
    {
        Kind = ApiErrorKind.ProxyAuthenticationRequired,
        HttpStatus = HttpStatus,
        Summary = "HTTP 407 from the proxy",
        Description = $"{ProxySetting.Describe(options.Proxy, options.ProxyCredential)} refused the request (HTTP 407 Proxy Authentication Required)",
        Retry = false,
        TaskMayExist = false,
        Inner = inner,
    };

    /// <summary>What to do, for the message and the error's recommended action.</summary>
    public static string Advice(bool credentialGiven) => credentialGiven
        ? "The proxy did not accept the credential given: check the user name and password, then connect again with "
            + "Connect-4oImage -ProxyCredential (Get-Credential), or correct the user info in FOUROIMAGE_PROXY."
        : "The proxy asks for a user name and password: connect with Connect-4oImage -ProxyCredential (Get-Credential) "
            + "(and -Proxy <address> unless it is the system proxy), or set FOUROIMAGE_PROXY to http://user:password@proxy:port/. "
            + "Without them only the signed-in Windows user's credentials are offered, which only a proxy using Windows "
            + "authentication (NTLM, Kerberos) accepts.";

    /// <summary>The 407 of a failed HTTPS tunnel (.NET 5+: HttpRequestException.StatusCode; .NET Framework: WebException).</summary>
    public static bool IsRefusal(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is WebException { Response: HttpWebResponse response } && (int)response.StatusCode == HttpStatus)
            {
                return true;
            }

            // HttpRequestException.StatusCode exists from .NET 5 on; this dll is netstandard2.0, so it is read by name.
            if (e is HttpRequestException && e.GetType().GetProperty("StatusCode")?.GetValue(e) is HttpStatusCode status && (int)status == HttpStatus)
            {
                return true;
            }
        }

        return false;
    }
}
