using System;

namespace FourOImage;

/// <summary>What Get-4oCredit emits: the account's remaining credits (fractional) and the service that answered.</summary>
public sealed class CreditBalance
{
    public CreditBalance(decimal balance, Uri endpoint, DateTimeOffset retrievedAt)
    {
        Balance = CreditAmount.Normalize(balance);
        Endpoint = endpoint;
        RetrievedAt = retrievedAt;
    }

    public decimal Balance { get; }

    /// <summary>The API base URL the balance came from.</summary>
    public Uri Endpoint { get; }

    public DateTimeOffset RetrievedAt { get; }

    public override string ToString() => Balance.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
