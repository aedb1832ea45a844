using System;
using System.IO;
using System.Management.Automation;
using FourOImage.Core.Journal;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>
/// Get-4oImageJournal: what a batch journal (New-4oImage -Journal) says about its batch: rows, tasks created,
/// requests with an unknown outcome, tasks succeeded and failed, files saved, and the credits the batch spent.
/// Reads a journal even while a run is writing it; reads only local files and calls no service.
/// </summary>
[Cmdlet(VerbsCommon.Get, "4oImageJournal")]
[OutputType(typeof(JournalSummary))]
public sealed class Get4oImageJournalCommand : PSCmdlet
{
    /// <summary>The journal file(s); takes Get-ChildItem output (FullName) and -Journal values.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "Journal")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = null!;

    protected override void ProcessRecord()
    {
        foreach (string path in Path)
        {
            string fullPath;
            try
            {
                fullPath = FileSystemPath.Resolve(SessionState, path, nameof(Path));
            }
            catch (Exception error) when (error is SessionStateException || error is NotSupportedException || error is ArgumentException)
            {
                Report(error, "InvalidArgument", PipelineErrorCategory.InvalidArgument, path);
                continue;
            }

            if (!File.Exists(fullPath))
            {
                Report(new FileNotFoundException($"The journal '{fullPath}' does not exist.", fullPath), "NotFound", PipelineErrorCategory.ObjectNotFound, path);
                continue;
            }

            try
            {
                WriteObject(BatchJournal.Summarize(fullPath));
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                Report(error, "ReadError", PipelineErrorCategory.ReadError, path);
            }
        }
    }

    private void Report(Exception error, string reason, PipelineErrorCategory category, string path) =>
        WriteError(PipelineRecords.ToErrorRecord(new PipelineError(error, "FourOImage.Journal." + reason, category, path)));
}
