using System;

namespace FourOImage.Emulator.Faults;

/// <summary>Decides the fault (if any) for one request: scripted first, then the random rates, drawn from a seeded Random.</summary>
internal sealed class FaultInjector
{
    private readonly FaultOptions _options;
    private readonly Random _random;
    private readonly object _gate = new();

    public FaultInjector(FaultOptions options, int seed)
    {
        _options = options;
        _random = new Random(unchecked(seed * 31 + 7));
    }

    public Fault? Next(string endpoint)
    {
        var scripted = _options.TakeScripted(endpoint);
        if (scripted is not null)
        {
            return scripted;
        }

        var rates = _options.RatesOf(endpoint);
        if (rates is null)
        {
            return null;
        }

        double roll;
        lock (_gate)
        {
            roll = _random.NextDouble();
        }

        return rates.Pick(roll);
    }
}
