using System;
using System.Collections.Generic;
using System.IO;
using FourOImage.Core.Pipeline;

namespace FourOImage.Core.Downloads;

/// <summary>
/// Save-4oImage's check before anything is sent: its folder is not a file and can be created and written (a probe
/// file, removed at once). Folders the probe had to create are removed again, so a save that ends up writing nothing
/// leaves the disk as it was.
/// </summary>
public static class FolderProbe
{
    private const string RetryAdvice = "Nothing was sent. Give -Path a folder you can write to (or fix its permissions), then run the command again.";

    /// <summary>Why images cannot be saved in <paramref name="folder"/> (a full path), or null when they can.</summary>
    /// <param name="write">Create the folder and write the probe; false (-WhatIf) only checks that it is not a file.</param>
    public static PipelineError? Problem(string folder, bool write)
    {
        if (File.Exists(folder))
        {
            return new PipelineError(
                new IOException($"-Path '{folder}' is a file, not a folder."),
                "FourOImage.Save.PathIsFile",
                PipelineErrorCategory.InvalidArgument,
                folder)
            {
                RecommendedAction = "Nothing was sent. Give -Path a folder (a new one is created), not a file.",
            };
        }

        for (string? above = Path.GetDirectoryName(folder); above != null; above = Path.GetDirectoryName(above))
        {
            if (File.Exists(above))
            {
                return new PipelineError(
                    new IOException($"Images cannot be saved in '{folder}': '{above}' is a file, so no folder can be made in it."),
                    "FourOImage.Save.FolderNotWritable",
                    PipelineErrorCategory.InvalidArgument,
                    folder)
                {
                    RecommendedAction = RetryAdvice,
                };
            }
        }

        if (!write)
        {
            return null;
        }

        var created = new List<string>();
        try
        {
            for (string? missing = folder; missing != null && !Directory.Exists(missing); missing = Path.GetDirectoryName(missing))
            {
                created.Insert(0, missing);
            }

            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, ".fouroimage-probe-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                stream.WriteByte(0);
            }

            return null;
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return new PipelineError(
                new IOException($"Images cannot be saved in '{folder}': {Describe(error, folder)}", error),
                "FourOImage.Save.FolderNotWritable",
                PipelineErrorCategory.PermissionDenied,
                folder)
            {
                RecommendedAction = RetryAdvice,
            };
        }
        finally
        {
            for (int i = created.Count - 1; i >= 0; i--)
            {
                try
                {
                    Directory.Delete(created[i]);
                }
                catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
                {
                    break; // not empty after all, or not ours: leave it and its parents
                }
            }
        }
    }

    // "the folder cannot be written (access denied)" rather than the probe's own name.
    private static string Describe(Exception error, string folder) => error switch
    {
        UnauthorizedAccessException => "access is denied (the folder, or a folder above it, cannot be written).",
        _ => TempNames.Hide(error.Message, folder),
    };
}
