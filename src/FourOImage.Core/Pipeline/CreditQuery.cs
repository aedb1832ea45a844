using System;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Pipeline;

/// <summary>Behind Get-4oCredit and Connect-4oImage's key check.</summary>
public static class CreditQuery
{
    public static async Task<CreditBalance> GetAsync(FourOImageClient client, CancellationToken cancellationToken)
    {
        decimal balance = await client.GetCreditAsync(cancellationToken).ConfigureAwait(false);
        return new CreditBalance(balance, Redaction.MaskUserInfo(client.Options.BaseUrl), DateTimeOffset.Now);
    }
}
