using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FourOImage.Emulator.Images;

/// <summary>Writes a body, optionally paced by the image host's bandwidth and optionally cut off after some bytes.</summary>
internal static class PacedBodyWriter
{
    /// <param name="bandwidth">Null for unlimited.</param>
    /// <param name="stopAfter">Write only this many bytes (for truncated bodies); null for all.</param>
    public static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> body, BandwidthLimiter? bandwidth, int? stopAfter, CancellationToken ct)
    {
        var end = Math.Min(body.Length, stopAfter ?? body.Length);
        if (bandwidth is null)
        {
            await response.Body.WriteAsync(body[..end], ct);
            await response.Body.FlushAsync(ct);
            return;
        }

        for (var sent = 0; sent < end;)
        {
            var count = Math.Min(bandwidth.ChunkSize, end - sent);
            await bandwidth.WaitToSendAsync(count, ct);
            await response.Body.WriteAsync(body.Slice(sent, count), ct);
            await response.Body.FlushAsync(ct);
            sent += count;
        }
    }
}
