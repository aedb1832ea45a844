using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Pipeline;

/// <summary>Behind Connect-4oImage: optionally proves the key with a credit call, then keeps the options for the owner (its runspace) or the process.</summary>
public static class Connection
{
    /// <returns>The balance when the key was checked, otherwise null. Nothing changes when the check fails.</returns>
    public static async Task<CreditBalance?> ConnectAsync(object owner, ClientOptions options, ConnectionScope scope, bool checkKey, CancellationToken cancellationToken)
    {
        CreditBalance? balance = null;
        if (checkKey)
        {
            balance = await CreditQuery.GetAsync(FourOImageClient.Create(options), cancellationToken).ConfigureAwait(false);
        }

        SessionConnections.Connect(owner, options, scope);
        return balance;
    }

    /// <summary>"proxy http://proxy:8080/ as bob", "the system proxy as bob": never the password.</summary>
    public static string DescribeProxy(ClientOptions options) => ProxySetting.Describe(options.Proxy, options.ProxyCredential);
}
