using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Metadata;

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

    /// <summary>Told as an image's bytes arrive (see <see cref="SaveOptions.Receiving"/>).</summary>
    public Action<string, long, long?>? Receiving { get; set; }

    /// <summary>
    /// Returns the bytes written and where the facts went, or null bytes when (without overwrite) another writer put a
    /// file there first. With <paramref name="facts"/>, the facts are put in place (<see cref="SavedImageMetadata"/>)
    /// after the download is verified and before the image is renamed into place.
    /// </summary>
    public async Task<(long? Bytes, MetadataPlacement Placement, string? Note)> WriteAsync(
        HttpResponseMessage response, ImageTarget target, ImageInfo? facts, CancellationToken cancellationToken)
    {
        var tempPath = folder.NewTempPath(target.FileName);
        var pathToMove = tempPath;
        try
        {
            var expected = response.Content.Headers.ContentLength;
            var (bytes, header, headerCount) = await CopyToFileAsync(response, tempPath, target, cancellationToken).ConfigureAwait(false);
            Verify(target, expected, bytes, header, headerCount);
            var placement = MetadataPlacement.None;
            string? note = null;
            if (facts is not null)
            {
                (pathToMove, placement, note) = PutFactsInPlace(tempPath, target, facts);
            }

            bool moved = await MoveIntoPlaceAsync(pathToMove, target.FullPath, cancellationToken).ConfigureAwait(false);
            return (moved ? new FileInfo(target.FullPath).Length : null, placement, note);
        }
        finally
        {
            TryDelete(tempPath);
            if (pathToMove != tempPath)
            {
                TryDelete(pathToMove);
            }
        }
    }

    private (string PathToMove, MetadataPlacement Placement, string? Note) PutFactsInPlace(string tempPath, ImageTarget target, ImageInfo facts)
    {
        try
        {
            return SavedImageMetadata.Prepare(tempPath, target.FullPath, facts, folder.NewTempPath);
        }
        catch (InvalidDataException error)
        {
            throw target.Failure($"its metadata could not be written and verified ({error.Message}).", innerException: error);
        }
    }

    /// <summary>Network errors come out as <see cref="ImageDownloadException"/>; file-system errors as they are.</summary>
    private async Task<(long Bytes, byte[] Header, int HeaderCount)> CopyToFileAsync(
        HttpResponseMessage response, string tempPath, ImageTarget target, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var headerCount = 0;
        long bytes = 0;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Disposing the response aborts a read that ignores its token (the .NET Framework's HTTP streams do).
        using var abort = idle.Token.Register(response.Dispose);
        using var source = await ReceiveAsync(() => response.Content.ReadAsStreamAsync(), idle, target, bytes, cancellationToken).ConfigureAwait(false);
        using var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        var buffer = new byte[BufferSize];
        var length = response.Content.Headers.ContentLength;
        Receiving?.Invoke(target.FullPath, 0, length);
        while (true)
        {
            var read = await ReceiveAsync(() => source.ReadAsync(buffer, 0, buffer.Length, idle.Token), idle, target, bytes, cancellationToken).ConfigureAwait(false);
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
            Receiving?.Invoke(target.FullPath, bytes, length);
        }

        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
        return (bytes, header, headerCount);
    }

    /// <summary>One step on the network side, with the stall limit; tells a stall, a broken connection and cancellation apart.</summary>
    private async Task<T> ReceiveAsync<T>(Func<Task<T>> receive, CancellationTokenSource idle, ImageTarget target, long bytesSoFar, CancellationToken cancellationToken)
    {
        idle.CancelAfter(stallTimeout);
        try
        {
            return await receive().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is ObjectDisposedException || ex is IOException || ex is HttpRequestException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (idle.IsCancellationRequested)
            {
                throw target.Failure($"no data arrived for {stallTimeout.TotalSeconds:0.##} s after {bytesSoFar} bytes.", innerException: ex);
            }

            throw target.Failure($"the download broke off after {bytesSoFar} bytes ({ex.Message}).", innerException: ex);
        }
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

    // On Windows a virus scanner often holds a file it just saw being written for a moment; the rename waits it out.
    private async Task<bool> MoveIntoPlaceAsync(string tempPath, string finalPath, CancellationToken cancellationToken)
    {
        const int Attempts = 4;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return MoveIntoPlace(tempPath, finalPath);
            }
            catch (Exception ex) when ((ex is IOException || ex is UnauthorizedAccessException) && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
            }
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
