using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;

namespace FourOImage.Core;

/// <summary>
/// The proxy credential sent up front (Basic) on a plain-HTTP request through the explicitly configured proxy.
/// Otherwise the proxy's 407 makes the HTTP stack send the request again with the credential, and a body that may
/// reach the service only once (generate, <see cref="SendOnceContent"/>) refuses the second send. HTTPS requests need
/// none of this: their CONNECT, which has no body, is what the proxy authenticates. The header goes only where the
/// proxy is used for the request, so it can reach nobody but the proxy.
/// </summary>
internal static class ProxyPreemption
{
    public static void Apply(HttpRequestMessage request, ClientOptions options, IWebProxy? proxy)
    {
        var target = request.RequestUri;
        var credential = options.ProxyCredential;
        if (target is null || target.Scheme != Uri.UriSchemeHttp || options.Proxy is null || credential is null || proxy is null
            || proxy.IsBypassed(target))
        {
            return;
        }

        string user = string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;
        string token = Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + credential.Password));
        request.Headers.ProxyAuthorization = new AuthenticationHeaderValue("Basic", token);
    }
}
