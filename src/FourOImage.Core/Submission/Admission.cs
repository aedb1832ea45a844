using System;

namespace FourOImage.Core.Submission;

/// <summary>The answer of <see cref="SubmissionLedger.TryTake"/>: a slot, or how long to wait and why.</summary>
internal readonly struct Admission
{
    private Admission(long? slotId, TimeSpan wait, bool paused, int recent, bool estimated = false)
    {
        Estimated = estimated;
        SlotId = slotId;
        WaitFor = wait;
        Paused = paused;
        Recent = recent;
    }

    /// <summary>The slot taken; null when the caller must wait.</summary>
    public long? SlotId { get; }

    public TimeSpan WaitFor { get; }

    /// <summary>The account is paused after a 429, 455 or 550 (rather than the window being full).</summary>
    public bool Paused { get; }

    /// <summary>The wait depends on calls still awaiting their answer: it is the earliest the slot can open.</summary>
    public bool Estimated { get; }

    /// <summary>Calls counted in the current window.</summary>
    public int Recent { get; }

    public static Admission Slot(long id) => new(id, TimeSpan.Zero, false, 0);

    public static Admission Wait(TimeSpan wait, bool paused, int recent, bool estimated = false) =>
        new(null, wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), paused, recent, estimated);
}
