using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Downloads;
using FourOImage.Core.Gallery;
using FourOImage.Core.Pipeline;
using FourOImage.Core.Waiting;

namespace FourOImage.Commands;

/// <summary>
/// Save-4oImage: saves the images of tasks from the pipeline (waiting for unfinished ones) into -Path, created if
/// missing. Asks ShouldProcess per file and emits one file item (as Get-Item does) per image with TaskId, Index and
/// Prompt attached: saved now, or already there from an earlier run (without -Force), so a re-run emits the same files.
/// </summary>
[Cmdlet(VerbsData.Save, "4oImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class Save4oImageCommand : FourOImageCmdlet
{
    private const string FileSystemProviderPrefix = @"Microsoft.PowerShell.Core\FileSystem::";

    private SaveOperation? _operation;
    private readonly BatchSet _batches = new();
    private int _files;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(TaskIdCompleter))]
    public TaskReference[] TaskId { get; set; } = null!;

    /// <summary>The folder to save into; created when missing. Default: the current location.</summary>
    [Parameter(Position = 1)]
    [Alias("Directory", "OutFolder", "Destination")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = ".";

    /// <summary>File name template; fields {TaskId} {Index} {Size} {Prompt} {Date} {Ext}. Default {TaskId}_{Index}.png.</summary>
    [Parameter]
    [Alias("FileNameTemplate")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FileNameTemplateCompleter))]
    public string FileName { get; set; } = FileNameTemplate.Default;

    /// <summary>0-based indexes of the variants to save; default all.</summary>
    [Parameter]
    [ValidateRange(0, 3)]
    public int[]? Index { get; set; }

    /// <summary>Overwrite existing files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write no metadata: no text chunks in PNG files and no JSON sidecars (for images shared without their prompts).</summary>
    [Parameter]
    public SwitchParameter NoMetadata { get; set; }

    /// <summary>Downloads at once. Default 8.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = ThrottledOperation.DefaultThrottleLimit;

    /// <summary>The most the command waits for unfinished tasks, in seconds or as a TimeSpan. Default 10 minutes.</summary>
    [Parameter]
    [Alias("TimeoutSec")]
    [TimeoutTransformation]
    public TimeSpan? Timeout { get; set; }

    /// <summary>
    /// Run every row, then end with one terminating error when any row gave no image (failed, or not sent), so a script
    /// exits non-zero and an Azure Automation job fails; the last FourOImage command of the line throws it.
    /// </summary>
    [Parameter]
    public SwitchParameter FailOnError { get; set; }

    protected override bool IsBatchStage => true;

    protected override bool FailOnErrorRequested => FailOnError;

    protected override IEnumerable<BatchRecord> Batches => _batches.Snapshot();

    protected override int FilesEmitted => Volatile.Read(ref _files);

    protected override string TerminatingErrorArea => PipelineErrors.Areas.Save;

    protected override void Begin()
    {
        // Before anything is sent: in `New-4oImage | Wait-4oImageTask | Save-4oImage` PowerShell begins every command
        // before the first row is read, so a folder that cannot take the images stops the line before a credit is spent.
        string folder = ResolveFolder();
        if (FolderProbe.Problem(System.IO.Path.GetFullPath(folder), write: !WhatIfRequested) is { } problem)
        {
            ThrowTerminating(problem);
        }

        var saveOptions = new SaveOptions
        {
            Directory = folder,
            FileNameTemplate = FileName,
            Overwrite = Force,
            Indexes = Index,
            MaxParallel = ThrottleLimit,
            WriteMetadata = !NoMetadata,
        };
        var waitOptions = new WaitOptions();
        if (Timeout is TimeSpan timeout)
        {
            waitOptions.Timeout = timeout;
        }

        try
        {
            DownloadLimitSettings.Apply(saveOptions, Environment.GetEnvironmentVariable);

            // Counted as each file is done, not as it is written out: after Ctrl+C the line that says what was saved counts
            // the files still waiting for this command's turn too.
            _operation = new SaveOperation(Sink, CreateTaskClients(), saveOptions, waitOptions, result =>
            {
                Interlocked.Increment(ref _files);
                return result;
            }, Cancellation);
        }
        catch (ArgumentException error) when (error.ParamName?.StartsWith("FOUROIMAGE_", StringComparison.Ordinal) == true)
        {
            ThrowTerminating(PipelineErrors.FromException(error, PipelineErrors.Areas.Save, error.ParamName));
        }
        catch (ArgumentException error)
        {
            PipelineError invalid = PipelineErrors.FromException(error, PipelineErrors.Areas.Save, FileName);
            ThrowTerminating(new PipelineError(invalid.Exception, invalid.ErrorId, invalid.Category, invalid.TargetObject, invalid.Details)
            {
                RecommendedAction = "Nothing was sent. Give -FileName a template that makes a file name, such as '" + FileNameTemplate.Default + "' or '{Prompt}_{Index}.png'.",
            });
        }
        catch (System.IO.PathTooLongException error)
        {
            ThrowTerminating(PipelineErrors.FromException(error, PipelineErrors.Areas.Save, Path));
        }

        WriteVerbose($"Saving into {_operation!.Directory}.");
    }

    protected override void Process()
    {
        foreach (TaskReference reference in TaskId)
        {
            _batches.Add(reference.Task is { } task ? BatchLinks.Of(task) : null);
            Submitting(() => _operation!.Submit(reference));
        }
    }

    protected override Task Complete() => _operation!.CompleteAsync();

    protected override void RefreshProgress() => _operation?.RefreshProgress();

    protected override void DisposeOperation() => _operation?.Dispose();

    // -WhatIf when given, else $WhatIfPreference: the folder is then only checked, not created.
    private bool WhatIfRequested =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value) ? LanguagePrimitives.IsTrue(value) : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    // -Path goes through the provider (relative paths, ~, PSDrives) and must end up on the file system.
    private string ResolveFolder()
    {
        try
        {
            return ResolveFileSystemPath(Path, nameof(Path));
        }
        catch (Exception error) when (error is NotSupportedException || error is System.IO.PathTooLongException)
        {
            ThrowTerminating(PipelineErrors.InvalidArgument(PipelineErrors.Areas.Save, error.Message, Path));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    protected override object PrepareOutput(object item)
    {
        if (item is not SaveResult saved)
        {
            return item;
        }

        return ToFileItem(saved);
    }

    // What Get-Item emits for the file (the FileSystem provider's FileInfo with PSPath, PSParentPath, PSChildName,
    // PSDrive, PSProvider, PSIsContainer and, on Linux and macOS, what fills UnixMode, User, Group and Size), so the
    // default view, -LiteralPath binding downstream and Export-Csv see a real file item, plus what the image is.
    private PSObject ToFileItem(SaveResult result)
    {
        PSObject file = ProviderItem(result.FilePath) ?? FileInfoItem(result.FilePath);
        file.Properties.Add(new PSNoteProperty("TaskId", result.TaskId));
        file.Properties.Add(new PSNoteProperty("Index", result.Index));
        file.Properties.Add(new PSNoteProperty("Prompt", result.Prompt));
        // Export-4oImageGallery finds the batch through the file item, to explain its rows that gave no image.
        BatchLinks.Link(file.BaseObject, result);
        return file;
    }

    private PSObject? ProviderItem(string path)
    {
        try
        {
            var items = SessionState.InvokeProvider.Item.Get(new[] { path }, force: true, literalPath: true);
            return items.Count == 1 && items[0].BaseObject is FileInfo ? items[0] : null;
        }
        catch (Exception error) when (error is ProviderNotFoundException || error is ItemNotFoundException || error is ProviderInvocationException
            || error is System.Management.Automation.DriveNotFoundException || error is UnauthorizedAccessException || error is IOException)
        {
            return null;
        }
    }

    // The same paths Get-Item gives, for the rare file the provider can no longer read back.
    private static PSObject FileInfoItem(string path)
    {
        var info = new FileInfo(path);
        var file = PSObject.AsPSObject(info);
        file.Properties.Add(new PSNoteProperty("PSPath", FileSystemProviderPrefix + info.FullName));
        file.Properties.Add(new PSNoteProperty("PSParentPath", FileSystemProviderPrefix + info.DirectoryName));
        file.Properties.Add(new PSNoteProperty("PSChildName", info.Name));
        file.Properties.Add(new PSNoteProperty("PSIsContainer", false));
        return file;
    }
}
