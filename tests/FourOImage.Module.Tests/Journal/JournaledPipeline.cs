using System;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Downloads;
using FourOImage.Core.Journal;
using FourOImage.Core.Pipeline;

namespace FourOImage.Module.Tests;

/// <summary>
/// <c>Import-Csv | New-4oImage -Journal j [-Force] | Wait-4oImageTask | Save-4oImage -Path out</c> built from the real
/// operations, all observing one cancellation token (Ctrl+C), with one recording sink for what the user would see.
/// </summary>
internal sealed class JournaledPipeline : IDisposable
{
    private readonly JournalRun _journal;
    private readonly GenerateOperation _generate;
    private readonly WaitOperation _wait;
    private readonly SaveOperation _save;

    private JournaledPipeline(JournalRun journal, GenerateOperation generate, WaitOperation wait, SaveOperation save, RecordingSink log, FourOImageClient client)
    {
        Client = client;
        _journal = journal;
        _generate = generate;
        _wait = wait;
        _save = save;
        Log = log;
    }

    public RecordingSink Log { get; }

    public FourOImageClient Client { get; }

    public static async Task<JournaledPipeline> StartAsync(
        FourOImageClient client, string journalPath, string folder, bool force, CancellationToken cancellationToken, int throttleLimit = 8)
    {
        var log = new RecordingSink();
        var save = new SaveOperation(log, client, new SaveOptions { Directory = folder }, EmulatorFixture.FastWait(), r => r, cancellationToken);
        var wait = new WaitOperation(new ForwardingSink(log, save.Submit), client, EmulatorFixture.FastWait(), cancellationToken);
        var generate = new GenerateOperation(new ForwardingSink(log, wait.Submit), client, throttleLimit, null, cancellationToken);
        JournalRun journal = await JournalRun.StartAsync(journalPath, client, log, CancellationToken.None);
        generate.Journal = journal;
        generate.ResendUnknown = force;
        return new JournaledPipeline(journal, generate, wait, save, log, client);
    }

    public void Submit(GenerateInput row) => _generate.Submit(row);

    /// <summary>End of input: each stage completes after the one before it, as EndProcessing does in a pipeline.</summary>
    public async Task CompleteAsync()
    {
        await _generate.CompleteAsync();
        await _wait.CompleteAsync();
        await _save.CompleteAsync();
    }

    public void Dispose()
    {
        _generate.Dispose();
        _wait.Dispose();
        _save.Dispose();
        _journal.Dispose();
    }
}
