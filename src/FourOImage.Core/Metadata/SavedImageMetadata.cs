using System;
using System.IO;

namespace FourOImage.Core.Metadata;

/// <summary>
/// Puts the facts of a downloaded image in place before the image is renamed into place. A PNG gets text chunks in a
/// verified copy; a PNG with content credentials (caBX), a PNG whose chunks do not verify, a JPEG or a WebP keeps its
/// bytes, and the facts go to a JSON sidecar, written (temp file, then rename) before the image itself appears.
/// The sidecar's name is claimed as the image's is, by a rename that never replaces a file: of two processes saving
/// different images to the same free name at once, only one gets the sidecar, and the other looks for another name.
/// </summary>
internal static class SavedImageMetadata
{
    /// <param name="downloadedPath">The verified download (a temporary file).</param>
    /// <param name="finalPath">Where the image will be renamed to.</param>
    /// <param name="replace">The image will replace the file at <paramref name="finalPath"/> (-Force): so may its sidecar.</param>
    /// <param name="newTempPath">Makes a fresh temporary path for a given final file name.</param>
    /// <returns>
    /// What to rename into place and where the facts went; null when a sidecar of another image holds the name (the
    /// image must take another one).
    /// </returns>
    public static PreparedImage? Prepare(
        string downloadedPath, string finalPath, ImageInfo facts, bool replace, Func<string, string> newTempPath)
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
                return new PreparedImage(withChunks, MetadataPlacement.PngChunks, null, null);
            }

            facts = facts.Clone();
            facts.HasContentCredentials = layout?.HasContentCredentials ?? false;
        }
        else
        {
            note = $"it is a {format} file";
        }

        string sidecar = ImageFacts.SidecarPath(finalPath);
        return WriteSidecar(finalPath, sidecar, facts, replace, newTempPath) switch
        {
            SidecarClaim.Created => new PreparedImage(downloadedPath, MetadataPlacement.Sidecar, note, sidecar),
            SidecarClaim.Replaced => new PreparedImage(downloadedPath, MetadataPlacement.Sidecar, note, null),
            _ => null,
        };
    }

    private static SidecarClaim WriteSidecar(string imagePath, string sidecar, ImageInfo facts, bool replace, Func<string, string> newTempPath)
    {
        string temp = newTempPath(Path.GetFileName(sidecar));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new System.Text.UTF8Encoding(false).GetBytes(ImageFacts.ToJson(facts, Path.GetFileName(imagePath)) + "\n");
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            // A sidecar already there is replaced only with -Force, or when it records this very image (its file was
            // deleted, or a run stopped between the two renames): anything else belongs to another image.
            if (File.Exists(sidecar) && (replace || RecordsImage(sidecar, facts)))
            {
                File.Replace(temp, sidecar, destinationBackupFileName: null, ignoreMetadataErrors: true);
                return SidecarClaim.Replaced;
            }

            try
            {
                File.Move(temp, sidecar);
                return SidecarClaim.Created;
            }
            catch (IOException) when (File.Exists(sidecar))
            {
                return SidecarClaim.Taken;
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

    private static bool RecordsImage(string sidecar, ImageInfo facts)
    {
        try
        {
            var recorded = new ImageInfo();
            return ImageFacts.TryReadJson(File.ReadAllText(sidecar), recorded) && recorded.TaskId == facts.TaskId && recorded.Index == facts.Index;
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            return false;
        }
    }

    private enum SidecarClaim
    {
        Created,
        Replaced,
        Taken,
    }
}
