using System;
using System.Buffers;
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

            long length = new FileInfo(existingPath).Length;
            if (length != new FileInfo(downloadedPath).Length)
            {
                return false;
            }

            using var files = new FileComparison(existingPath, downloadedPath);
            return files.SameBytes(0, 0, length);
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

        using var files = new FileComparison(a, b);
        for (int i = 0; i < left.Count; i++)
        {
            if (left[i].Type != right[i].Type || left[i].Length != right[i].Length
                || !files.SameBytes(left[i].Offset, right[i].Offset, PngFormat.ChunkOverhead + left[i].Length))
            {
                return false;
            }
        }

        return true;
    }

    // Critical chunks have an upper-case first letter (IHDR, PLTE, IDAT, IEND); ancillary ones (tEXt, iTXt...) do not.
    private static List<PngChunk> CriticalChunks(PngLayout layout) => layout.Chunks.Where(c => char.IsUpper(c.Type[0])).ToList();

    /// <summary>Two files open for comparing ranges of their bytes, each opened once with one pooled buffer.</summary>
    private sealed class FileComparison : IDisposable
    {
        private readonly FileStream _left;
        private readonly FileStream _right;
        private readonly byte[] _bufferLeft = ArrayPool<byte>.Shared.Rent(PngReader.BufferSize);
        private readonly byte[] _bufferRight = ArrayPool<byte>.Shared.Rent(PngReader.BufferSize);

        public FileComparison(string left, string right)
        {
            _left = Open(left);
            try
            {
                _right = Open(right);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public bool SameBytes(long offsetLeft, long offsetRight, long count)
        {
            _left.Seek(offsetLeft, SeekOrigin.Begin);
            _right.Seek(offsetRight, SeekOrigin.Begin);
            while (count > 0)
            {
                int want = (int)Math.Min(PngReader.BufferSize, count);
                if (PngReader.ReadFully(_left, _bufferLeft, 0, want) != want || PngReader.ReadFully(_right, _bufferRight, 0, want) != want)
                {
                    return false;
                }

                for (int i = 0; i < want; i++)
                {
                    if (_bufferLeft[i] != _bufferRight[i])
                    {
                        return false;
                    }
                }

                count -= want;
            }

            return true;
        }

        public void Dispose()
        {
            _left?.Dispose();
            _right?.Dispose();
            ArrayPool<byte>.Shared.Return(_bufferLeft);
            ArrayPool<byte>.Shared.Return(_bufferRight);
        }

        private static FileStream Open(string path) =>
            new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, PngReader.FileBufferSize);
    }

    public enum Verdict
    {
        /// <summary>Nothing tells yet; compare the content after downloading.</summary>
        Unknown,

        Same,

        Different,
    }
}
