using System.Collections.Generic;
using System.Threading;
using FourOImage.Core.Pipeline;

namespace FourOImage.Bench;

/// <summary>What came out of a simulated pipeline: objects at its end, errors (the first few kept), other stream records.</summary>
internal sealed class PipelineTally
{
    private const int KeptErrors = 5;
    private readonly List<string> _firstErrors = new();
    private int _errors;
    private int _objects;
    private long _otherRecords;

    public int Errors => _errors;

    public int Objects => _objects;

    public long OtherRecords => Interlocked.Read(ref _otherRecords);

    public IReadOnlyList<string> FirstErrors => _firstErrors;

    public void Object() => Interlocked.Increment(ref _objects);

    public void Other() => Interlocked.Increment(ref _otherRecords);

    public void Error(PipelineError error)
    {
        if (Interlocked.Increment(ref _errors) <= KeptErrors)
        {
            lock (_firstErrors)
            {
                _firstErrors.Add($"{error.ErrorId}: {error.Exception.Message}");
            }
        }
    }
}
