using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Pipeline;

/// <summary>Behind Connect-4oImage: optionally proves the key with a credit call, then makes the options the session's.</summary>
public static class Connection
{
    /// <returns>The balance when the key was checked, otherwise null. The session is left unchanged when the check fails.</returns>
    public static async Task<CreditBalance?> ConnectAsync(ClientOptions options, bool checkKey, CancellationToken cancellationToken)
    {
        CreditBalance? balance = null;
        if (checkKey)
        {
            balance = await CreditQuery.GetAsync(FourOImageClient.Create(options), cancellationToken).ConfigureAwait(false);
        }

        ClientConfiguration.Session = options;
        return balance;
    }

    /// <summary>"proxy http://proxy:8080/ as bob", "the system proxy as bob": never the password.</summary>
    public static string DescribeProxy(ClientOptions options) => ProxySetting.Describe(options.Proxy, options.ProxyCredential);
}
