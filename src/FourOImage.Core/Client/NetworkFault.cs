using System;
using System.Net;
using System.Net.Sockets;

namespace FourOImage.Core;

/// <summary>Tells a fault where the request never left this machine from one where it may have reached the service.</summary>
internal static class NetworkFault
{
    /// <summary>Connection refused or the host name did not resolve: nothing was sent, so any request may be repeated.</summary>
    public static bool NothingSent(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket
                && (socket.SocketErrorCode == SocketError.ConnectionRefused
                    || socket.SocketErrorCode == SocketError.HostNotFound
                    || socket.SocketErrorCode == SocketError.NoData))
            {
                return true;
            }

            // .NET Framework reports connect failures through WebException instead.
            if (e is WebException web
                && (web.Status == WebExceptionStatus.ConnectFailure
                    || web.Status == WebExceptionStatus.NameResolutionFailure
                    || web.Status == WebExceptionStatus.ProxyNameResolutionFailure))
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
}
