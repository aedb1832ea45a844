using System.Threading.Tasks;
using FourOImage.Emulator.Credits;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Api;

/// <summary>GET /api/v1/chat/credit: the caller's balance as a (fractional) number.</summary>
internal sealed class CreditEndpoint
{
    private readonly CreditLedger _ledger;

    public CreditEndpoint(CreditLedger ledger) => _ledger = ledger;

    public Task HandleAsync(HttpContext context, string apiKey)
    {
        // Dividing by 1.000… drops trailing zeros, so 997.0m is sent as 997 and 998.5m as 998.5.
        var balance = _ledger.Get(apiKey) / 1.0000000000000000000000000000m;
        return ApiEnvelope.SuccessAsync(context, w => w.WriteNumberValue(balance));
    }
}
