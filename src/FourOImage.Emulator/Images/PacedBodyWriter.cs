using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Images;

/// <summary>
/// Writes a body in chunks, optionally paced to a bandwidth per response and to the host's shared link, and optionally
/// cut off after some bytes.
/// </summary>
internal static class PacedBodyWriter
{
    private const int ChunkSize = 16 * 1024;

    /// <param name="bytesPerSecond">Bandwidth of this response; null for unlimited.</param>
    /// <param name="link">The host's link, shared with every other response; null for unlimited.</param>
    /// <param name="stopAfter">Write only this many bytes (for truncated bodies); null for all.</param>
    public static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> body, long? bytesPerSecond, ImageHostLink? link, int? stopAfter, CancellationToken ct)
    {
        var end = Math.Min(body.Length, stopAfter ?? body.Length);
        if (bytesPerSecond is not > 0 && link is null)
        {
            await response.Body.WriteAsync(body[..end], ct);
            await response.Body.FlushAsync(ct);
            return;
        }

        var clock = Stopwatch.StartNew();
        for (var sent = 0; sent < end;)
        {
            var count = Math.Min(ChunkSize, end - sent);
            if (link is not null)
            {
                // The chunk leaves once the link has carried it (and whatever other responses queued before it).
                await Task.Delay(link.Reserve(count), ct);
            }

            await response.Body.WriteAsync(body.Slice(sent, count), ct);
            await response.Body.FlushAsync(ct);
            sent += count;
            if (bytesPerSecond is > 0)
            {
                var due = TimeSpan.FromSeconds(sent / (double)bytesPerSecond.Value) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, ct);
                }
            }
        }
    }
}
