using System;
using FourOImage.Emulator.Credits;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Api;

/// <summary>Checks <c>Authorization: Bearer &lt;key&gt;</c> against the configured keys.</summary>
internal sealed class ApiKeyAuthenticator
{
    private const string Scheme = "Bearer ";
    private readonly CreditLedger _ledger;

    public ApiKeyAuthenticator(CreditLedger ledger) => _ledger = ledger;

    /// <summary>The caller's key, or null when it is missing or unknown.</summary>
    public string? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = header[Scheme.Length..].Trim();
        return key.Length > 0 && _ledger.IsKnown(key) ? key : null;
    }
}
