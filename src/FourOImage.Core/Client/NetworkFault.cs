using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace FourOImage.Core;

/// <summary>Tells a fault where the request never left this machine from one where it may have reached the service.</summary>
internal static class NetworkFault
{
    /// <summary>HttpRequestException.HttpRequestError (.NET 8+) values that mean no connection was ever ready for the request.</summary>
    private static readonly string[] SetupErrors = { "NameResolutionError", "ConnectionError", "SecureConnectionError", "ProxyTunnelError" };

    /// <summary>
    /// The connection could not be set up (refused, unreachable, the host name did not resolve, the TLS handshake or the
    /// proxy tunnel failed): no byte of the request reached the service, so any request may be repeated.
    /// </summary>
    public static bool NothingSent(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket
                && (socket.SocketErrorCode == SocketError.ConnectionRefused
                    || socket.SocketErrorCode == SocketError.HostNotFound
                    || socket.SocketErrorCode == SocketError.NoData
                    || socket.SocketErrorCode == SocketError.HostUnreachable
                    || socket.SocketErrorCode == SocketError.NetworkUnreachable))
            {
                return true;
            }

            // HTTP is written only after the handshake, so a handshake that failed carried none of the request.
            if (e is AuthenticationException)
            {
                return true;
            }

            if (e is HttpRequestException http && Array.IndexOf(SetupErrors, HttpRequestErrorOf(http)) >= 0)
            {
                return true;
            }

            // .NET Framework reports connect failures through WebException instead.
            if (e is WebException web
                && (web.Status == WebExceptionStatus.ConnectFailure
                    || web.Status == WebExceptionStatus.NameResolutionFailure
                    || web.Status == WebExceptionStatus.ProxyNameResolutionFailure
                    || web.Status == WebExceptionStatus.SecureChannelFailure
                    || web.Status == WebExceptionStatus.TrustFailure))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The innermost message: "Connection refused", "An existing connection was forcibly closed", ...</summary>
    public static string Describe(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message.TrimEnd('.');
    }

    // The property exists from .NET 8 on; the module is built for netstandard2.0, so it is read by name.
    private static string? HttpRequestErrorOf(HttpRequestException exception) =>
        exception.GetType().GetProperty("HttpRequestError")?.GetValue(exception)?.ToString();
}
