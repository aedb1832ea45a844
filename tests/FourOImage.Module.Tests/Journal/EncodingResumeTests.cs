using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core;
using FourOImage.Core.Journal;
using FourOImage.Core.Pipeline;
using FourOImage.Emulator;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>
/// Issue 17: a batch started in PowerShell 7 and resumed in Windows PowerShell 5.1 (or the reverse) reads a UTF-8 CSV
/// without a byte order mark two ways: as UTF-8, and in the ANSI code page (here Windows-1252, decoded exactly as 5.1's
/// Import-Csv decodes it). The journal still knows every row, so nothing is created, or paid for, twice.
/// </summary>
public sealed class EncodingResumeTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private static readonly string[] Prompts =
    {
        "A lighthouse in a storm",
        "Café de Flore at dawn, watercolor",
        "Ångström über Straße — ink drawing",
        "東京の夜景, neon reflections",
        "A cat 😺 on a skateboard, “retro” poster",
        "Plain ASCII prompt, no accents",
    };

    private readonly EmulatorFixture _emulator;
    private readonly string _folder = Directory.CreateTempSubdirectory("fouroimage-encoding-").FullName;

    public EncodingResumeTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.Faults.Reset();
        _emulator.Server.ClearRequestLog();
    }

    private string JournalPath => Path.Combine(_folder, "batch.journal");

    private int Generates => _emulator.Server.RequestLog.Count(e => e.Endpoint == EmulatorEndpoints.Generate);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The rows of a UTF-8 CSV without a BOM, read as PowerShell 7 reads it (UTF-8) or as 5.1 does (ANSI).</summary>
    private static List<GenerateInput> Read(IEnumerable<string> prompts, bool asWindowsPowerShell)
    {
        byte[] file = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(string.Join("\n", prompts));
        string text = (asWindowsPowerShell ? Encoding.GetEncoding(1252) : new UTF8Encoding(false)).GetString(file);
        return text.Split('\n').Select(line => new GenerateInput { Prompt = line, Size = "3:2" }).ToList();
    }

    private async Task<(RecordingSink Log, List<ImageTask> Tasks)> RunAsync(IEnumerable<GenerateInput> rows, bool force = false, bool desktop = false)
    {
        var log = new RecordingSink();
        using var operation = new GenerateOperation(log, _emulator.Client(), 4, null, CancellationToken.None)
        {
            ResendUnknown = force,
            WarnOfMisdecodedPrompts = desktop,
        };
        using JournalRun journal = await JournalRun.StartAsync(JournalPath, _emulator.Client(), log, CancellationToken.None);
        operation.Journal = journal;
        foreach (GenerateInput row in rows)
        {
            operation.Submit(row);
        }

        await operation.CompleteAsync();
        Assert.Empty(log.Errors);
        return (log, log.OfType<ImageTask>().ToList());
    }

    private static List<string> Warnings(RecordingSink log) =>
        log.Verbose.Where(v => v.StartsWith("WARNING: ", StringComparison.Ordinal)).Select(v => v["WARNING: ".Length..]).ToList();

    [Theory]
    [InlineData(false)] // started in PowerShell 7, resumed in Windows PowerShell 5.1
    [InlineData(true)]  // started in Windows PowerShell 5.1, resumed in PowerShell 7
    public async Task A_batch_resumed_in_the_other_PowerShell_creates_no_row_twice(bool startedInWindowsPowerShell)
    {
        List<GenerateInput> first = Read(Prompts, startedInWindowsPowerShell);
        List<GenerateInput> second = Read(Prompts, !startedInWindowsPowerShell);
        Assert.Equal(4, first.Zip(second).Count(pair => pair.First.Prompt != pair.Second.Prompt)); // four rows are read differently

        // The first run gets through four rows before it is stopped.
        (_, List<ImageTask> created) = await RunAsync(first.Take(4));
        Assert.Equal(4, Generates);

        (RecordingSink resumed, List<ImageTask> tasks) = await RunAsync(second);

        Assert.Equal(6, Generates); // only rows 5 and 6 are new
        Assert.Equal(6, tasks.Count);
        Assert.Subset(tasks.Select(t => t.TaskId).ToHashSet(), created.Select(t => t.TaskId).ToHashSet());
        foreach (ImageTask known in created)
        {
            // Emitted with the prompt the task was made from, not the one read differently now.
            Assert.Equal(known.Prompt, tasks.Single(t => t.TaskId == known.TaskId).Prompt);
        }

        string warning = Assert.Single(Warnings(resumed));
        Assert.StartsWith("Row 2 ('", warning, StringComparison.Ordinal);
        Assert.Contains("is row 2 of the journal", warning, StringComparison.Ordinal);
        Assert.Contains("Import-Csv -Encoding UTF8", warning, StringComparison.Ordinal);
        Assert.Contains(resumed.Verbose, v => v.StartsWith("Row 4 (", StringComparison.Ordinal) && v.Contains("is row 4 of the journal", StringComparison.Ordinal));

        // A third run, in either PowerShell, still creates nothing.
        await RunAsync(first);
        await RunAsync(second);
        Assert.Equal(6, Generates);
        Assert.Equal(6, BatchJournal.Summarize(JournalPath).Created);
    }

    [Fact]
    public async Task A_row_edited_only_in_its_accents_is_held_back_until_Force()
    {
        await RunAsync(Read(new[] { "a red fox", "Café at dawn" }, asWindowsPowerShell: false));
        Assert.Equal(2, Generates);

        var edited = new List<GenerateInput> { new() { Prompt = "a red fox", Size = "3:2" }, new() { Prompt = "Cafè at dawn", Size = "3:2" } };
        (RecordingSink careful, _) = await RunAsync(edited);
        Assert.Equal(2, Generates);
        string warning = Assert.Single(Warnings(careful));
        Assert.StartsWith("Row 2 ('Cafè at dawn') is not sent: the journal has row 2 ('Café at dawn')", warning, StringComparison.Ordinal);
        Assert.Contains("-Force", warning, StringComparison.Ordinal);
        Assert.Contains("Import-Csv -Encoding UTF8", warning, StringComparison.Ordinal);

        (RecordingSink forced, _) = await RunAsync(edited, force: true);
        Assert.Equal(3, Generates);
        Assert.Contains(Warnings(forced), w => w.Contains("sending it as a new request because of -Force", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_prompt_again_in_another_row_is_a_new_row_not_another_encoding()
    {
        await RunAsync(Read(new[] { "a red fox", "Café at dawn" }, asWindowsPowerShell: false));

        // Row 1 is now the café too: it is the journal's café (row 2 before); row 2, a second café, is new.
        (RecordingSink log, List<ImageTask> tasks) = await RunAsync(Read(new[] { "Café at dawn", "Café at dawn" }, asWindowsPowerShell: false));

        Assert.Equal(3, Generates);
        Assert.Equal(2, tasks.Select(t => t.TaskId).Distinct().Count());
        Assert.Empty(Warnings(log));
    }

    [Fact]
    public async Task Windows_PowerShell_warns_once_of_a_prompt_read_in_the_ANSI_code_page()
    {
        (RecordingSink desktop, _) = await RunAsync(Read(Prompts, asWindowsPowerShell: true), desktop: true);
        string warning = Assert.Single(Warnings(desktop));
        Assert.Equal(
            "The prompt of row 2 looks mis-decoded ('CafÃ© de Flore at dawn, watercolor', probably 'Café de Flore at dawn, watercolor'). " +
            GenerateOperation.EncodingAdvice,
            warning);

        File.Delete(JournalPath);
        (RecordingSink rightlyRead, _) = await RunAsync(Read(Prompts, asWindowsPowerShell: false), desktop: true);
        Assert.Empty(Warnings(rightlyRead));
    }
}
