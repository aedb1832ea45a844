using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Downloads;

/// <summary>
/// Streams one image body to a temporary file beside its final name, verifies it (length, image signature) and only
/// then renames it into place. The temporary file is gone afterwards whatever happened.
/// </summary>
internal sealed class ImageFileWriter
{
    /// <summary>Bytes needed to recognise PNG, JPEG and WebP (WebP: "RIFF", 4 size bytes, "WEBP").</summary>
    public const int HeaderLength = 12;

    private const int BufferSize = 81920;

    private readonly TargetFolder folder;
    private readonly bool overwrite;
    private readonly TimeSpan stallTimeout;

    public ImageFileWriter(TargetFolder folder, bool overwrite, TimeSpan stallTimeout)
    {
        this.folder = folder;
        this.overwrite = overwrite;
        this.stallTimeout = stallTimeout;
    }

    /// <summary>Returns the bytes written, or null when (without overwrite) another writer put a file there first.</summary>
    public async Task<long?> WriteAsync(HttpResponseMessage response, ImageTarget target, CancellationToken cancellationToken)
    {
        var tempPath = folder.NewTempPath(target.FileName);
        try
        {
            var expected = response.Content.Headers.ContentLength;
            var (bytes, header, headerCount) = await CopyToFileAsync(response, tempPath, target, cancellationToken).ConfigureAwait(false);
            Verify(target, expected, bytes, header, headerCount);
            return MoveIntoPlace(tempPath, target.FullPath) ? bytes : null;
        }
        finally
        {
            TryDelete(tempPath);
        }
    }

    private async Task<(long Bytes, byte[] Header, int HeaderCount)> CopyToFileAsync(
        HttpResponseMessage response, string tempPath, ImageTarget target, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var headerCount = 0;
        long bytes = 0;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Disposing the response aborts a read that ignores its token (the .NET Framework's HTTP streams do).
        using var abort = idle.Token.Register(response.Dispose);
        try
        {
            idle.CancelAfter(stallTimeout);
            using var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            var buffer = new byte[BufferSize];
            while (true)
            {
                idle.CancelAfter(stallTimeout);
                var read = await source.ReadAsync(buffer, 0, buffer.Length, idle.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (headerCount < header.Length)
                {
                    var take = Math.Min(read, header.Length - headerCount);
                    Buffer.BlockCopy(buffer, 0, header, headerCount, take);
                    headerCount += take;
                }

                await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                bytes += read;
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (idle.IsCancellationRequested && ex is not ImageDownloadException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw target.Failure($"no data arrived for {stallTimeout.TotalSeconds:0.#} s after {bytes} bytes.", innerException: ex);
        }
        catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
        {
            throw target.Failure($"the download broke off after {bytes} bytes ({ex.Message}).", innerException: ex);
        }

        return (bytes, header, headerCount);
    }

    private static void Verify(ImageTarget target, long? expected, long bytes, byte[] header, int headerCount)
    {
        string? problem = null;
        if (bytes == 0)
        {
            problem = "the image host sent an empty body";
        }
        else if (expected is { } length && length != bytes)
        {
            problem = $"the body was cut short: {bytes} of {length} bytes arrived";
        }
        else if (ImageSignature.MimeType(header, headerCount) is null)
        {
            problem = "the body is not a PNG, JPEG or WebP image";
        }

        if (problem is not null)
        {
            throw target.Failure(problem + ".");
        }
    }

    private bool MoveIntoPlace(string tempPath, string finalPath)
    {
        if (overwrite && File.Exists(finalPath))
        {
            // Replace swaps the file in one step, so readers never see the old one missing.
            File.Replace(tempPath, finalPath, destinationBackupFileName: null, ignoreMetadataErrors: true);
            return true;
        }

        try
        {
            File.Move(tempPath, finalPath);
            return true;
        }
        catch (IOException) when (File.Exists(finalPath))
        {
            if (!overwrite)
            {
                return false;
            }

            File.Replace(tempPath, finalPath, destinationBackupFileName: null, ignoreMetadataErrors: true);
            return true;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
