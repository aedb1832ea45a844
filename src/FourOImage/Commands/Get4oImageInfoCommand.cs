using System;
using System.IO;
using System.Management.Automation;
using FourOImage.Core.Metadata;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>
/// Get-4oImageInfo: what Save-4oImage recorded about saved images (prompt, task id, variant, size, times, options),
/// read from each PNG's FourOImage text chunk or from the JSON sidecar beside the file. Takes paths, wildcards, folders
/// and Get-ChildItem / Save-4oImage output. A file with neither gets a non-terminating error. Reads local files only.
/// </summary>
[Cmdlet(VerbsCommon.Get, "4oImageInfo")]
[OutputType(typeof(ImageInfo))]
public sealed class Get4oImageInfoCommand : PSCmdlet
{
    private ImagePathResolver? resolver;

    /// <summary>
    /// Image files or folders (a folder: its PNG, JPEG and WebP files). Taken as written when the path exists, else as a
    /// wildcard pattern. Binds Get-ChildItem and Save-4oImage output by PSPath or FullName.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName", "LiteralPath")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = null!;

    protected override void BeginProcessing() => resolver = new ImagePathResolver(this, "ImageInfo");

    protected override void ProcessRecord()
    {
        foreach (string path in Path)
        {
            foreach (string file in resolver!.Resolve(path, nameof(Path)))
            {
                Read(file);
            }
        }
    }
    private void Read(string file)
    {
        try
        {
            WriteObject(ImageInfoReader.Read(file));
        }
        catch (ImageMetadataMissingException error)
        {
            resolver!.Report(error, "NoMetadata", PipelineErrorCategory.ObjectNotFound, file);
        }
        catch (InvalidDataException error)
        {
            resolver!.Report(new InvalidDataException($"'{file}' cannot be read: {error.Message}", error), "InvalidImage", PipelineErrorCategory.InvalidData, file);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            resolver!.Report(error, "ReadError", PipelineErrorCategory.ReadError, file);
        }
    }
}
