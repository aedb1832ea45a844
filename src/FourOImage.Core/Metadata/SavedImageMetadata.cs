using System;
using System.IO;

namespace FourOImage.Core.Metadata;

/// <summary>
/// Puts the facts of a downloaded image in place before the image is renamed into place. A PNG gets text chunks in a
/// verified copy; a PNG with content credentials (caBX), a PNG whose chunks do not verify, a JPEG or a WebP keeps its
/// bytes, and the facts go to a JSON sidecar, written (temp file, then rename) before the image itself appears.
/// </summary>
internal static class SavedImageMetadata
{
    /// <param name="downloadedPath">The verified download (a temporary file).</param>
    /// <param name="finalPath">Where the image will be renamed to.</param>
    /// <param name="newTempPath">Makes a fresh temporary path for a given final file name.</param>
    /// <returns>The file to rename into place (the copy with chunks, or the download itself), and where the facts went.</returns>
    public static (string PathToMove, MetadataPlacement Placement, string? Note) Prepare(
        string downloadedPath, string finalPath, ImageInfo facts, Func<string, string> newTempPath)
    {
        string format = ImageInfoReader.FormatOf(downloadedPath);
        string? note;
        if (format == "PNG")
        {
            PngLayout? layout = null;
            try
            {
                layout = PngReader.Read(downloadedPath, verifyEveryChunk: true);
                note = layout.HasContentCredentials
                    ? "it carries content credentials (C2PA), which an added chunk would break"
                    : null;
            }
            catch (InvalidDataException error)
            {
                note = $"its chunks do not verify ({error.Message})";
            }

            if (layout is not null && !layout.HasContentCredentials)
            {
                string withChunks = newTempPath(Path.GetFileName(finalPath));
                PngMetadataWriter.Insert(downloadedPath, layout, withChunks, ImageFacts.TextEntries(facts));
                return (withChunks, MetadataPlacement.PngChunks, null);
            }

            facts = facts.Clone();
            facts.HasContentCredentials = layout?.HasContentCredentials ?? false;
        }
        else
        {
            note = $"it is a {format} file";
        }

        WriteSidecar(finalPath, facts, newTempPath);
        return (downloadedPath, MetadataPlacement.Sidecar, note);
    }

    private static void WriteSidecar(string imagePath, ImageInfo facts, Func<string, string> newTempPath)
    {
        string sidecar = ImageFacts.SidecarPath(imagePath);
        string temp = newTempPath(Path.GetFileName(sidecar));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new System.Text.UTF8Encoding(false).GetBytes(ImageFacts.ToJson(facts, Path.GetFileName(imagePath)) + "\n");
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(sidecar))
            {
                File.Replace(temp, sidecar, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temp, sidecar);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
