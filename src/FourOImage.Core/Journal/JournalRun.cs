using System;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;

namespace FourOImage.Core.Journal;

/// <summary>
/// One New-4oImage -Journal run: the open journal, and the credit balance read once at its start and once at its
/// end so Get-4oImageJournal can say what the batch spent. A balance that cannot be read is only a verbose message.
/// </summary>
public sealed class JournalRun : IDisposable
{
    private readonly JournalLease? lease;
    private readonly FourOImageClient? client;
    private readonly IPipelineSink? sink;
    private readonly decimal? creditsAtStart;

    private JournalRun(BatchJournal journal, JournalLease? lease, FourOImageClient? client, IPipelineSink? sink, decimal? creditsAtStart = null)
    {
        this.creditsAtStart = creditsAtStart;
        Journal = journal;
        this.lease = lease;
        this.client = client;
        this.sink = sink;
    }

    public BatchJournal Journal { get; }

    /// <summary>"0.1.0": the version of the module that writes the journal.</summary>
    public static string ModuleVersion { get; } = ReadModuleVersion();

    /// <summary>Reads the balance, then opens the journal and starts the run; throws when the journal is in use or cannot be written.</summary>
    public static async Task<JournalRun> StartAsync(string path, FourOImageClient client, IPipelineSink sink, CancellationToken cancellationToken)
    {
        decimal? credits = await TryGetCreditsAsync(client, sink, "start", cancellationToken).ConfigureAwait(false);
        var lease = JournalRegistry.StartRun(path, ModuleVersion, credits);
        return new JournalRun(lease.Journal, lease, client, sink, credits);
    }

    /// <summary>The fall of the balance over this run, once <see cref="EndAsync"/> could read both ends; else null.</summary>
    public decimal? CreditsSpent { get; private set; }

    /// <summary>For -WhatIf: what earlier runs recorded; nothing is written, no balance is read.</summary>
    public static JournalRun ReadOnly(string path) => new(BatchJournal.OpenReadOnly(path), null, null, null);

    /// <summary>After the last generate: reads the balance and ends the run's record.</summary>
    public async Task EndAsync(CancellationToken cancellationToken)
    {
        if (client is null || sink is null)
        {
            return;
        }

        decimal? credits = await TryGetCreditsAsync(client, sink, "end", cancellationToken).ConfigureAwait(false);
        CreditsSpent = creditsAtStart is decimal start && credits is decimal end ? start - end : null;
        try
        {
            Journal.RecordRunEnd(credits);
        }
        catch (Exception error) when (error is System.IO.IOException || error is UnauthorizedAccessException)
        {
            // Only the summary's "credits spent" needs it; every task of the run is already recorded or reported.
            sink.WriteWarning($"The end of the run could not be recorded in the journal, so Get-4oImageJournal cannot say what this run spent: {error.Message}");
        }
    }

    public void Dispose()
    {
        if (lease is null)
        {
            Journal.Dispose();
        }
        else
        {
            lease.Dispose();
        }
    }

    private static async Task<decimal?> TryGetCreditsAsync(FourOImageClient client, IPipelineSink sink, string when, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetCreditAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            sink.WriteVerbose($"The credit balance at the {when} of the run could not be read, so the journal cannot say what this run spent: {error.Message}");
            return null;
        }
    }

    private static string ReadModuleVersion()
    {
        var assembly = typeof(JournalRun).Assembly;
        string? informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            int metadata = informational!.IndexOf('+');
            return metadata < 0 ? informational : informational.Substring(0, metadata);
        }

        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
