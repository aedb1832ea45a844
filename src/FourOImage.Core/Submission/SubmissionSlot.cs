using System;
using FourOImage.Core.Timing;

namespace FourOImage.Core.Submission;

/// <summary>
/// One admitted generate call. Call <see cref="Sent"/> once the answer (or a failure) arrived, so the call counts for a
/// full window from then; or <see cref="Unused"/> when nothing was sent, so it does not count at all.
/// </summary>
internal sealed class SubmissionSlot
{
    private readonly SubmissionLedger _ledger;
    private readonly Clock _clock;
    private readonly long _id;
    private readonly bool _counted;

    public SubmissionSlot(SubmissionLedger ledger, Clock clock, long id, bool counted)
    {
        _ledger = ledger;
        _clock = clock;
        _id = id;
        _counted = counted;
    }

    public void Sent()
    {
        if (_counted)
        {
            _ledger.Restamp(_id, _clock.UtcNow.UtcDateTime);
        }
    }

    public void Unused()
    {
        if (_counted)
        {
            _ledger.Release(_id, _clock.UtcNow.UtcDateTime);
        }
    }
}
