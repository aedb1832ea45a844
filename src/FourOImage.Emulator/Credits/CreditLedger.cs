using System;
using System.Collections.Generic;

namespace FourOImage.Emulator.Credits;

/// <summary>The accepted API keys and the balance of each.</summary>
internal sealed class CreditLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal);

    public CreditLedger(IEnumerable<string> keys, decimal initialCredits)
    {
        foreach (var key in keys)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException("API keys must not be empty.", nameof(keys));
            }

            _balances[key] = initialCredits;
        }

        if (_balances.Count == 0)
        {
            throw new ArgumentException("At least one API key is required.", nameof(keys));
        }
    }

    public bool IsKnown(string key)
    {
        lock (_gate)
        {
            return _balances.ContainsKey(key);
        }
    }

    public decimal Get(string key)
    {
        lock (_gate)
        {
            return _balances.TryGetValue(key, out var balance) ? balance : throw UnknownKey();
        }
    }

    public void Set(string key, decimal value)
    {
        lock (_gate)
        {
            if (!_balances.ContainsKey(key))
            {
                throw UnknownKey();
            }

            _balances[key] = value;
        }
    }

    /// <summary>Debits <paramref name="amount"/> when the balance covers it.</summary>
    public bool TryDebit(string key, decimal amount)
    {
        lock (_gate)
        {
            if (!_balances.TryGetValue(key, out var balance) || balance < amount)
            {
                return false;
            }

            _balances[key] = balance - amount;
            return true;
        }
    }

    // The key itself is never part of the message.
    private static ArgumentException UnknownKey() => new("This API key is not configured in the emulator.", "apiKey");
}
