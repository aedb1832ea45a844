using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;

namespace FourOImage.Module.Tests;

/// <summary>A sink that records everything an operation writes, from any thread, and answers ShouldProcess.</summary>
internal sealed class RecordingSink : IPipelineSink
{
    private readonly object _gate = new();
    private readonly List<object> _objects = new();
    private readonly List<PipelineError> _errors = new();
    private readonly List<string> _verbose = new();
    private readonly List<ProgressUpdate> _progress = new();
    private readonly List<(string Target, string Action)> _questions = new();

    public bool Answer { get; set; } = true;

    public IReadOnlyList<object> Objects => Snapshot(_objects);

    public IReadOnlyList<PipelineError> Errors => Snapshot(_errors);

    public IReadOnlyList<string> Verbose => Snapshot(_verbose);

    public IReadOnlyList<ProgressUpdate> Progress => Snapshot(_progress);

    public IReadOnlyList<(string Target, string Action)> Questions => Snapshot(_questions);

    public IReadOnlyList<T> OfType<T>() => Objects.OfType<T>().ToList();

    public void WriteObject(object item) => Add(_objects, item);

    public void WriteError(PipelineError error) => Add(_errors, error);

    public void WriteWarning(string text) => Add(_verbose, "WARNING: " + text);

    public void WriteVerbose(string text) => Add(_verbose, text);

    public void WriteDebug(string text) => Add(_verbose, "DEBUG: " + text);

    public void WriteProgress(ProgressUpdate update) => Add(_progress, update);

    public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken)
    {
        Add(_questions, (target, action));
        return Task.FromResult(Answer);
    }

    private void Add<T>(List<T> list, T item)
    {
        lock (_gate)
        {
            list.Add(item);
        }
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return list.ToList();
        }
    }
}
