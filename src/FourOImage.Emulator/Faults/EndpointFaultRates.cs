using System;

namespace FourOImage.Emulator;

/// <summary>
/// Probabilities (0..1) of each fault on one endpoint. At most one fault hits a request; the rates are
/// cumulative, so their sum should not exceed 1.
/// </summary>
public sealed class EndpointFaultRates
{
    public double Code429 { get; set; }

    public double Code455 { get; set; }

    public double Code500 { get; set; }

    public double Code550 { get; set; }

    /// <summary>HTTP 502 with an HTML body.</summary>
    public double BadGateway { get; set; }

    public double Slow { get; set; }

    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);

    public double Drop { get; set; }

    /// <summary>Image host only.</summary>
    public double Truncate { get; set; }

    /// <summary>Served in full (a generate creates and charges its task), then the connection closes before the answer.</summary>
    public double LostAnswer { get; set; }

    /// <summary>HTTP 403 with the text body <c>error code: 1010</c> (the service's firewall).</summary>
    public double EdgeRefusal { get; set; }

    /// <summary>Sent as Retry-After with 429 answers when set.</summary>
    public int? RetryAfterSeconds { get; set; }

    internal Fault? Pick(double roll)
    {
        var edge = 0.0;
        if (roll < (edge += Code429)) return Fault.WithBodyCode(429, RetryAfterSeconds);
        if (roll < (edge += Code455)) return Fault.WithBodyCode(455);
        if (roll < (edge += Code500)) return Fault.WithBodyCode(500);
        if (roll < (edge += Code550)) return Fault.WithBodyCode(550);
        if (roll < (edge += BadGateway)) return Fault.BadGateway;
        if (roll < (edge += Slow)) return Fault.Slow(SlowDelay);
        if (roll < (edge += Drop)) return Fault.Drop;
        if (roll < (edge += Truncate)) return Fault.Truncate;
        if (roll < (edge += LostAnswer)) return Fault.LostAnswer;
        if (roll < (edge += EdgeRefusal)) return Fault.EdgeRefusal;
        return null;
    }

    internal EndpointFaultRates Clone() => (EndpointFaultRates)MemberwiseClone();
}
