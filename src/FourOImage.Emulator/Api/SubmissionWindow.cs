using System;
using FourOImage.Emulator.Api;

namespace FourOImage.Emulator;

/// <summary>
/// The service's submission window, live: at most <see cref="Limit"/> new generation requests per API key in any
/// <see cref="Length"/> (sliding, on the emulator clock). The excess is answered with code 429 and dropped: no task,
/// no charge, and it does not count against the window. A limit of 0 turns the window off. Change it at any time through
/// <see cref="EmulatorServer.SubmissionWindow"/> or the admin endpoint (GET/PUT /admin/submission-window).
/// </summary>
public sealed class SubmissionWindow
{
    public const int DefaultLimit = 20;
    public static readonly TimeSpan DefaultLength = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly SlidingWindowCounter _admitted = new();
    private int _limit = DefaultLimit;
    private TimeSpan _length = DefaultLength;

    /// <summary>New generation requests admitted per key within <see cref="Length"/>; 0 admits all.</summary>
    public int Limit
    {
        get { lock (_gate) { return _limit; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(Limit));
            lock (_gate) { _limit = value; }
        }
    }

    /// <summary>The length of the sliding window (the service's is 10 seconds).</summary>
    public TimeSpan Length
    {
        get { lock (_gate) { return _length; } }
        set
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Length), value, "The window length must be positive.");
            }

            lock (_gate) { _length = value; }
        }
    }

    /// <summary>The message of a 429 from the window (never about credits).</summary>
    public string RejectionMessage
    {
        get
        {
            lock (_gate)
            {
                return $"Too many requests: at most {_limit} new generation requests per {_length.TotalSeconds:0.###} seconds per account. Please try again later.";
            }
        }
    }

    /// <summary>Admits (and counts) one generation request of <paramref name="key"/>, or refuses it without counting it.</summary>
    internal bool TryAdmit(string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_limit == 0)
            {
                return true;
            }

            return _admitted.TryAdmit(key, now, _limit, _length);
        }
    }
}
