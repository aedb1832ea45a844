using System;
using System.IO;
using System.Management.Automation;
using FourOImage.Core.Gallery;
using FourOImage.Core.Metadata;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>
/// Export-4oImageGallery: one HTML page of saved images, a card per task with its variants side by side, the prompt,
/// size, task id and times; with -Journal also the rows that gave no image and the credits the batch spent. Takes
/// Save-4oImage output, Get-4oImageInfo output, files and folders (default: the page's own folder). Images are linked
/// relative to the page, or inlined with -Embed. Asks ShouldProcess and never replaces a file without -Force.
/// </summary>
[Cmdlet(VerbsData.Export, "4oImageGallery", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class Export4oImageGalleryCommand : PSCmdlet
{
    public const string ShouldProcessAction = "Write 4o image gallery";
    private const string Area = "Gallery";

    private Gallery? gallery;
    private ImagePathResolver? resolver;
    private bool receivedInput;

    /// <summary>The HTML file to write, e.g. ./out/gallery.html.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>Save-4oImage or Get-4oImageInfo output, FileInfo, DirectoryInfo, or paths of image files and folders.</summary>
    [Parameter(Position = 1, ValueFromPipeline = true)]
    [ValidateNotNull]
    public object[]? InputObject { get; set; }

    /// <summary>The batch journal (New-4oImage -Journal): shows the rows that gave no image and the credits the batch spent.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Journal { get; set; }

    /// <summary>The page's title. Default "FourOImage gallery".</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary>Inline the images into the page (at most 50 MiB of images), so the page is one file to send.</summary>
    [Parameter]
    public SwitchParameter Embed { get; set; }

    /// <summary>Replace an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing()
    {
        resolver = new ImagePathResolver(this, Area);
        string page;
        try
        {
            page = FileSystemPath.Resolve(SessionState, Path, nameof(Path));
        }
        catch (Exception error) when (error is NotSupportedException || error is SessionStateException || error is ArgumentException)
        {
            Terminate(error, "InvalidArgument", ErrorCategory.InvalidArgument, Path);
            return;
        }

        // Checked first, so a pipeline that would end in a refused write never starts its paid work.
        if (Directory.Exists(page))
        {
            Terminate(new IOException($"-Path '{page}' is a folder; give the HTML file to write, e.g. {System.IO.Path.Combine(page, "gallery.html")}."), "InvalidArgument", ErrorCategory.InvalidArgument, Path);
        }

        if (File.Exists(page) && !Force)
        {
            Terminate(GalleryFile.Exists(page), "FileExists", ErrorCategory.ResourceExists, page);
        }

        gallery = new Gallery(page) { Embed = Embed };
        if (Title is not null)
        {
            gallery.Title = Title;
        }
    }

    protected override void ProcessRecord()
    {
        if (InputObject is null)
        {
            return;
        }

        receivedInput = true;
        foreach (object item in InputObject)
        {
            Add(item);
        }
    }

    protected override void EndProcessing()
    {
        // No input: the page's own folder. At the end of a pipeline that gave nothing (every row failed, say) that
        // folder may not exist yet, which is no error of its own.
        string pageFolder = System.IO.Path.GetDirectoryName(gallery!.PagePath)!;
        if (!receivedInput && (!MyInvocation.ExpectingInput || Directory.Exists(pageFolder)))
        {
            AddFolder(pageFolder);
        }

        if (Journal is not null)
        {
            ReadJournal();
        }

        if (gallery!.ImageCount == 0)
        {
            WriteWarning($"The gallery {gallery.PagePath} has no images to show.");
        }

        string html;
        try
        {
            html = gallery.Render(DateTimeOffset.UtcNow);
        }
        catch (GalleryTooLargeException error)
        {
            Terminate(error, "TooLarge", ErrorCategory.LimitsExceeded, gallery.PagePath);
            return;
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            Terminate(error, "ReadError", ErrorCategory.ReadError, gallery.PagePath);
            return;
        }

        if (!ShouldProcess(gallery.PagePath, $"{ShouldProcessAction} ({Count(gallery.ImageCount, "image")} of {Count(gallery.TaskCount, "task")})"))
        {
            return;
        }

        try
        {
            GalleryFile.Write(gallery.PagePath, html, Force);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is ArgumentException)
        {
            Terminate(error, "WriteError", ErrorCategory.WriteError, gallery.PagePath);
            return;
        }

        WriteVerbose($"Wrote {gallery.PagePath}: {Count(gallery.ImageCount, "image")} of {Count(gallery.TaskCount, "task")}.");
        WriteObject(SessionState.InvokeProvider.Item.Get(new[] { gallery.PagePath }, force: true, literalPath: true), enumerateCollection: true);
    }

    private void Add(object item)
    {
        var wrapper = item as PSObject;
        object value = wrapper?.BaseObject ?? item;
        if (BatchLinks.Of(value) is { } batch && value is not ImageTask)
        {
            gallery!.AddBatch(batch);
        }

        switch (value)
        {
            case ImageInfo info:
                AddFile(info.Path, info.TaskId, info.Index, info.Prompt);
                break;
            case FileInfo file:
                AddFile(file.FullName, Note<string>(wrapper, "TaskId"), Note<int?>(wrapper, "Index"), Note<string>(wrapper, "Prompt"));
                break;
            case DirectoryInfo directory:
                AddFolder(directory.FullName);
                break;
            case string path:
                foreach (string file in resolver!.Resolve(path, nameof(InputObject)))
                {
                    AddFile(file, null, null, null);
                }

                break;
            case ImageTask task:
                resolver!.Report(
                    new ArgumentException($"Task {task.TaskId} is not a saved image: pipe tasks into Save-4oImage first, then its output into Export-4oImageGallery."),
                    "InvalidInput",
                    PipelineErrorCategory.InvalidArgument,
                    item);
                break;
            default:
                if (Note<string>(wrapper ?? PSObject.AsPSObject(item), "FullName") is string fullName)
                {
                    AddFile(fullName, null, null, null);
                }
                else
                {
                    resolver!.Report(new ArgumentException($"-InputObject takes saved images, files or folders, not {value.GetType().Name}."), "InvalidInput", PipelineErrorCategory.InvalidArgument, item);
                }

                break;
        }
    }

    private void AddFolder(string folder)
    {
        foreach (string file in resolver!.Resolve(folder, nameof(InputObject)))
        {
            AddFile(file, null, null, null);
        }
    }

    private void AddFile(string path, string? taskId, int? index, string? prompt)
    {
        try
        {
            var info = ImageInfoReader.Describe(path, taskId, index, prompt);
            if (info.MetadataSource.Length == 0)
            {
                WriteVerbose($"{info.Path} has no FourOImage metadata; the gallery shows what else is known about it.");
            }

            gallery!.Add(info);
        }
        catch (InvalidDataException error)
        {
            resolver!.Report(new InvalidDataException($"'{path}' is not shown: {error.Message}", error), "InvalidImage", PipelineErrorCategory.InvalidData, path);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            resolver!.Report(error, "ReadError", PipelineErrorCategory.ReadError, path);
        }
    }

    private void ReadJournal()
    {
        try
        {
            string journal = FileSystemPath.Resolve(SessionState, Journal!, nameof(Journal));
            if (!File.Exists(journal))
            {
                throw new FileNotFoundException($"-Journal: '{journal}' does not exist.", journal);
            }

            gallery!.Journal = GalleryJournal.Read(journal);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException || error is NotSupportedException || error is SessionStateException)
        {
            // The images can still be shown; the page then says nothing about failed rows.
            resolver!.Report(error, "JournalError", error is FileNotFoundException ? PipelineErrorCategory.ObjectNotFound : PipelineErrorCategory.ReadError, Journal!);
        }
    }

    private static T? Note<T>(PSObject? wrapper, string name)
    {
        object? value = wrapper?.Properties[name]?.Value;
        if (value is null)
        {
            return default;
        }

        try
        {
            return (T)LanguagePrimitives.ConvertTo(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PSInvalidCastException)
        {
            return default;
        }
    }

    private void Terminate(Exception error, string reason, ErrorCategory category, object target) =>
        ThrowTerminatingError(new ErrorRecord(error, $"FourOImage.{Area}.{reason}", category, target));

    private static string Count(int count, string noun) => count + " " + noun + (count == 1 ? string.Empty : "s");
}
