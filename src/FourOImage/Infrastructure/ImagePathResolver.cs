using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using FourOImage.Core.Metadata;
using FourOImage.Core.Pipeline;

namespace FourOImage.Commands;

/// <summary>
/// Turns paths into image files: a folder stands for its PNG, JPEG and WebP files. A path is taken as written when it
/// exists (so a PSPath from Get-ChildItem with '[' in a file name works), else as a wildcard pattern. A path that leads
/// nowhere is reported as a non-terminating error and the others go on.
/// </summary>
internal sealed class ImagePathResolver
{
    private readonly PSCmdlet cmdlet;
    private readonly string errorArea;

    public ImagePathResolver(PSCmdlet cmdlet, string errorArea)
    {
        this.cmdlet = cmdlet;
        this.errorArea = errorArea;
    }

    public IEnumerable<string> Resolve(string path, string parameterName)
    {
        var files = new List<string>();
        try
        {
            foreach (string resolved in ResolveProviderPaths(path, parameterName))
            {
                if (Directory.Exists(resolved))
                {
                    files.AddRange(ImageFiles.InFolder(resolved));
                }
                else if (File.Exists(resolved))
                {
                    files.Add(resolved);
                }
                else
                {
                    Report(new FileNotFoundException($"-{parameterName}: '{path}' does not exist.", resolved), "NotFound", PipelineErrorCategory.ObjectNotFound, path);
                }
            }
        }
        catch (ItemNotFoundException error)
        {
            Report(new FileNotFoundException($"-{parameterName}: '{path}' does not exist.", error), "NotFound", PipelineErrorCategory.ObjectNotFound, path);
        }
        catch (Exception error) when (error is SessionStateException || error is NotSupportedException || error is ArgumentException || error is IOException || error is UnauthorizedAccessException)
        {
            Report(error, "InvalidArgument", PipelineErrorCategory.InvalidArgument, path);
        }

        return files;
    }

    public void Report(Exception error, string reason, PipelineErrorCategory category, object target) =>
        cmdlet.WriteError(PipelineRecords.ToErrorRecord(new PipelineError(error, $"FourOImage.{errorArea}.{reason}", category, target)));

    private IEnumerable<string> ResolveProviderPaths(string path, string parameterName)
    {
        string literal = FileSystemPath.Resolve(cmdlet.SessionState, path, parameterName);
        if (File.Exists(literal) || Directory.Exists(literal) || !WildcardPattern.ContainsWildcardCharacters(path))
        {
            return new[] { literal };
        }

        var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
        if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
        {
            throw new NotSupportedException($"-{parameterName} takes file-system paths; '{path}' is on the {provider.Name} provider.");
        }

        return resolved;
    }
}
