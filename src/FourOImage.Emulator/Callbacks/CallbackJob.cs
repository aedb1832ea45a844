using System;
using FourOImage.Emulator.Tasks;

namespace FourOImage.Emulator.Callbacks;

/// <summary>The delivery state of one task's callback. Guarded by the dispatcher's lock.</summary>
internal sealed class CallbackJob
{
    public CallbackJob(EmulatedTask task, Uri url)
    {
        Task = task;
        Url = url;
        Due = task.CompleteTime;
    }

    public EmulatedTask Task { get; }

    public Uri Url { get; }

    public DateTimeOffset Due { get; set; }

    public bool InFlight { get; set; }

    public int Attempts { get; set; }

    public int Failures { get; set; }

    public bool Delivered { get; set; }
}
