using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Metadata;
using FourOImage.Core.Timing;

namespace FourOImage.Core.Downloads;

/// <summary>
/// Streams one image body to a temporary file in the target folder, within the download limits of
/// <see cref="SaveOptions"/> (stall, low speed, deadline, size), and verifies it (length, then the image's framing end
/// to end, <see cref="ImageIntegrity"/>); then,
/// once the caller has chosen the final name, puts the image's facts in place and renames it there. No temporary file
/// is left behind whatever happens.
/// </summary>
internal sealed class ImageFileWriter
{
    /// <summary>Bytes needed to recognise PNG, JPEG and WebP (WebP: "RIFF", 4 size bytes, "WEBP").</summary>
    public const int HeaderLength = 12;

    private const int BufferSize = 81920;

    // The file stream's own buffer: what arrives in pieces smaller than this is gathered before it is written.
    private const int FileBufferSize = 4096;

    private readonly TargetFolder folder;
    private readonly SaveOptions limits;
    private readonly TimeSpan stallTimeout;
    private readonly Clock clock;

    /// <param name="limits">The download limits: StallTimeout, LowSpeedLimit and LowSpeedTime, ImageDeadline, MaxImageBytes.</param>
    public ImageFileWriter(TargetFolder folder, SaveOptions limits)
    {
        this.folder = folder;
        this.limits = limits;
        stallTimeout = limits.StallTimeout;
        clock = limits.Clock;
    }

    /// <summary>Told as an image's bytes arrive (see <see cref="SaveOptions.Receiving"/>).</summary>
    public Action<string, long, long?>? Receiving { get; set; }

    /// <summary>
    /// Downloads the body into a fresh temporary file and verifies it. The caller owns the returned path and deletes it
    /// (<see cref="Discard"/>) whether or not it is placed. Network errors come out as <see cref="ImageDownloadException"/>.
    /// </summary>
    public async Task<string> DownloadAsync(HttpResponseMessage response, ImageTarget target, CancellationToken cancellationToken)
    {
        var tempPath = folder.NewTempPath(target.FileName);
        try
        {
            var expected = response.Content.Headers.ContentLength;
            var (bytes, header, headerCount) = await CopyToFileAsync(response, tempPath, target, cancellationToken).ConfigureAwait(false);
            Verify(target, expected, bytes, header, headerCount);
            if (ImageIntegrity.Problem(tempPath, ImageSignature.MimeType(header, headerCount)!) is { } broken)
            {
                throw target.Failure(broken + ".");
            }

            return tempPath;
        }
        catch
        {
            Discard(tempPath);
            throw;
        }
    }

    /// <summary>
    /// Puts a verified download at <paramref name="finalPath"/>: with <paramref name="facts"/> they go in place first
    /// (<see cref="SavedImageMetadata"/>), then the file is renamed there. Returns null bytes when, without
    /// <paramref name="replace"/>, a file (or another image's sidecar) appeared at that path meanwhile (the download
    /// is kept for another name).
    /// </summary>
    public async Task<(long? Bytes, MetadataPlacement Placement, string? Note)> PlaceAsync(
        string downloadedPath, string finalPath, bool replace, ImageInfo? facts, ImageTarget target, CancellationToken cancellationToken)
    {
        var pathToMove = downloadedPath;
        try
        {
            PreparedImage? prepared = null;
            if (facts is not null)
            {
                prepared = PutFactsInPlace(downloadedPath, finalPath, replace, target, facts);
                if (prepared is null)
                {
                    return (null, MetadataPlacement.None, null);
                }

                pathToMove = prepared.PathToMove;
            }

            bool moved = await MoveIntoPlaceAsync(pathToMove, finalPath, replace, clock, cancellationToken).ConfigureAwait(false);
            if (moved)
            {
                folder.Remember(Path.GetFileName(finalPath));
            }
            else if (prepared?.CreatedSidecar is { } sidecar && !SameImage.SameContent(finalPath, pathToMove))
            {
                // Another image took the name first: the sidecar this save made would describe it wrongly.
                TryDelete(sidecar);
            }

            return (moved ? new FileInfo(finalPath).Length : null, prepared?.Placement ?? MetadataPlacement.None, prepared?.Note);
        }
        finally
        {
            if (pathToMove != downloadedPath)
            {
                Discard(pathToMove);
            }
        }
    }

    public static void Discard(string path) => TryDelete(path);

    private PreparedImage? PutFactsInPlace(string tempPath, string finalPath, bool replace, ImageTarget target, ImageInfo facts)
    {
        try
        {
            return SavedImageMetadata.Prepare(tempPath, finalPath, facts, replace, folder.NewTempPath);
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
        var announced = response.Content.Headers.ContentLength;
        if (announced > limits.MaxImageBytes)
        {
            throw target.Failure($"the image host announced {announced} bytes, more than the limit of {limits.MaxImageBytes} bytes for one image.");
        }

        using var watch = new DownloadWatch(limits, cancellationToken);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(watch.Token);

        // Disposing the response aborts a read that ignores its token (the .NET Framework's HTTP streams do).
        using var abort = idle.Token.Register(response.Dispose);
        using var source = await ReceiveAsync(() => response.Content.ReadAsStreamAsync(), idle, watch, target, bytes, cancellationToken).ConfigureAwait(false);
        using var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileBufferSize, useAsync: true);

        // Every read is awaited before the buffer goes back to the pool, also when the download fails.
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var length = response.Content.Headers.ContentLength;
            Receiving?.Invoke(target.Key, 0, length);
            while (true)
            {
                var read = await ReceiveAsync(() => source.ReadAsync(buffer, 0, buffer.Length, idle.Token), idle, watch, target, bytes, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (bytes + read > limits.MaxImageBytes)
                {
                    throw target.Failure($"the body grew past the limit of {limits.MaxImageBytes} bytes for one image; it was cut off there.");
                }

                if (headerCount < header.Length)
                {
                    var take = Math.Min(read, header.Length - headerCount);
                    Buffer.BlockCopy(buffer, 0, header, headerCount, take);
                    headerCount += take;
                }

                await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                bytes += read;
                watch.Received(bytes);
                Receiving?.Invoke(target.Key, bytes, length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        file.Flush(flushToDisk: true);
        return (bytes, header, headerCount);
    }

    /// <summary>
    /// One step on the network side, with the stall limit and the watch's (low speed, deadline); tells them, a broken
    /// connection and cancellation apart.
    /// </summary>
    private async Task<T> ReceiveAsync<T>(
        Func<Task<T>> receive, CancellationTokenSource idle, DownloadWatch watch, ImageTarget target, long bytesSoFar, CancellationToken cancellationToken)
    {
        clock.CancelAfter(idle, stallTimeout);
        try
        {
            return await receive().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is ObjectDisposedException || ex is IOException || ex is HttpRequestException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (watch.Reason is { } reason)
            {
                throw target.Failure($"{reason} after {bytesSoFar} bytes.", innerException: ex);
            }

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
    private static async Task<bool> MoveIntoPlaceAsync(string tempPath, string finalPath, bool replace, Clock clock, CancellationToken cancellationToken)
    {
        const int Attempts = 4;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return MoveIntoPlace(tempPath, finalPath, replace);
            }
            catch (Exception ex) when ((ex is IOException || ex is UnauthorizedAccessException) && attempt < Attempts)
            {
                await clock.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool MoveIntoPlace(string tempPath, string finalPath, bool replace)
    {
        if (replace && File.Exists(finalPath))
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
            if (!replace)
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
