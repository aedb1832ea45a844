using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FourOImage.Core.Metadata;

namespace FourOImage.Core.Downloads;

/// <summary>
/// Decides whether a file already at an image's name is that very image (a re-run), the only case in which saving may
/// skip it. Every kind of evidence lives here: add new ones (another metadata format, say) in <see cref="FromRecord"/>.
/// </summary>
internal static class SameImage
{
    /// <summary>
    /// Without downloading anything. The facts Save-4oImage keeps with an image (the FourOImage PNG text chunk, or the
    /// JSON sidecar of a JPEG, a WebP or a PNG with content credentials) name its task and index, and decide. A file
    /// without them is the image when its name can only belong to it (<paramref name="nameIsUnique"/>: rendered from
    /// a template with {TaskId} and {Index}); otherwise nobody knows yet, and <see cref="SameContent"/> must compare it
    /// with the download.
    /// </summary>
    public static Verdict FromRecord(string path, ImageTarget target, bool nameIsUnique)
    {
        ImageInfo info;
        try
        {
            info = ImageInfoReader.Read(path);
        }
        catch (ImageMetadataMissingException)
        {
            return nameIsUnique ? Verdict.Same : Verdict.Unknown;
        }
        catch (Exception error) when (error is InvalidDataException || error is IOException || error is UnauthorizedAccessException)
        {
            return Verdict.Different;
        }

        return info.TaskId == target.TaskId && info.Index == target.Index ? Verdict.Same : Verdict.Different;
    }

    /// <summary>
    /// After the download: the file holds the same picture as the downloaded one. PNG files are compared by their
    /// image chunks (header, palette, pixel data), so text chunks added to either do not matter; other formats byte for byte.
    /// </summary>
    public static bool SameContent(string existingPath, string downloadedPath)
    {
        try
        {
            if (ImageInfoReader.FormatOf(existingPath) == "PNG" && ImageInfoReader.FormatOf(downloadedPath) == "PNG")
            {
                return SameImageChunks(existingPath, downloadedPath);
            }

            return new FileInfo(existingPath).Length == new FileInfo(downloadedPath).Length
                && SameBytes(existingPath, 0, downloadedPath, 0, new FileInfo(existingPath).Length);
        }
        catch (Exception error) when (error is InvalidDataException || error is IOException || error is UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool SameImageChunks(string a, string b)
    {
        var left = CriticalChunks(PngReader.Read(a, verifyEveryChunk: false));
        var right = CriticalChunks(PngReader.Read(b, verifyEveryChunk: false));
        if (left.Count != right.Count)
        {
            return false;
        }

        for (int i = 0; i < left.Count; i++)
        {
            if (left[i].Type != right[i].Type || left[i].Length != right[i].Length
                || !SameBytes(a, left[i].Offset, b, right[i].Offset, PngFormat.ChunkOverhead + left[i].Length))
            {
                return false;
            }
        }

        return true;
    }

    // Critical chunks have an upper-case first letter (IHDR, PLTE, IDAT, IEND); ancillary ones (tEXt, iTXt...) do not.
    private static List<PngChunk> CriticalChunks(PngLayout layout) => layout.Chunks.Where(c => char.IsUpper(c.Type[0])).ToList();

    private static bool SameBytes(string a, long offsetA, string b, long offsetB, long count)
    {
        const int Size = 81920;
        using var left = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, Size);
        using var right = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, Size);
        left.Seek(offsetA, SeekOrigin.Begin);
        right.Seek(offsetB, SeekOrigin.Begin);
        var bufferA = new byte[Size];
        var bufferB = new byte[Size];
        while (count > 0)
        {
            int want = (int)Math.Min(Size, count);
            if (ReadFully(left, bufferA, want) != want || ReadFully(right, bufferB, want) != want)
            {
                return false;
            }

            for (int i = 0; i < want; i++)
            {
                if (bufferA[i] != bufferB[i])
                {
                    return false;
                }
            }

            count -= want;
        }

        return true;
    }

    private static int ReadFully(Stream stream, byte[] buffer, int count)
    {
        int total = 0;
        int read;
        while (total < count && (read = stream.Read(buffer, total, count - total)) > 0)
        {
            total += read;
        }

        return total;
    }

    public enum Verdict
    {
        /// <summary>Nothing tells yet; compare the content after downloading.</summary>
        Unknown,

        Same,

        Different,
    }
}
