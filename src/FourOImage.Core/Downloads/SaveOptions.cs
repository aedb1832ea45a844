using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace FourOImage.Core.Downloads;

/// <summary>Where and how <see cref="ImageDownloader"/> writes images. Validated (and copied) when a downloader is created.</summary>
public sealed class SaveOptions
{
    /// <summary>The target folder; created when missing. Files never land outside it.</summary>
    public string Directory { get; set; } = string.Empty;

    /// <summary>The file name, with fields; see <see cref="Downloads.FileNameTemplate"/> for the list.</summary>
    public string FileNameTemplate { get; set; } = Downloads.FileNameTemplate.Default;

    /// <summary>Replace existing files; without it a valid existing file is skipped.</summary>
    public bool Overwrite { get; set; }

    /// <summary>0-based indexes of the variants to save; null saves all.</summary>
    public IReadOnlyList<int>? Indexes { get; set; }

    /// <summary>Downloads in flight at once, shared by every task the downloader serves.</summary>
    public int MaxParallel { get; set; } = 8;

    /// <summary>
    /// Asked once per image, in index order, with the final path and the 0-based index, before anything is
    /// downloaded (and only for files that will be written: existing files that are skipped are not asked about);
    /// false skips the image. Meant for ShouldProcess; never called while a download slot is held.
    /// </summary>
    public Func<string, int, CancellationToken, Task<bool>>? ShouldSave { get; set; }

    /// <summary>
    /// Keep the task's facts with each image: text chunks inside a PNG, or a JSON sidecar beside a PNG with content
    /// credentials, a JPEG or a WebP. False (-NoMetadata) writes neither.
    /// </summary>
    public bool WriteMetadata { get; set; } = true;

    /// <summary>The API host the tasks come from, recorded with each image (e.g. "api.kie.ai"); never a URL with credentials.</summary>
    public string? Service { get; set; }

    /// <summary>When <see cref="Service"/> is not set: the API host of the connection a task (by id) is saved through.</summary>
    internal Func<string, string>? ServiceOf { get; set; }

    /// <summary>
    /// How often and how long a failing download is tried again, across the result URL and download-url (the client's
    /// policy: at most 5 attempts within 2 minutes, with backoff, by default).
    /// </summary>
    public RetryOptions Retry { get; set; } = RetryOptions.Default;

    /// <summary>
    /// Told as an image's bytes arrive, for a progress bar: which image ("taskId/index"), the bytes received so far in this attempt
    /// (0 when it starts; a retry starts again from 0), and the length the host announced, when it did. Called on the
    /// download's thread: must be quick and must not throw.
    /// </summary>
    public Action<string, long, long?>? Receiving { get; set; }

    /// <summary>Told what the user should know at Warning level (a task answered with more images than it asked for). Must not throw.</summary>
    public Action<string>? Warning { get; set; }

    /// <summary>A download that receives nothing for this long fails.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The low-speed rule (as curl's --speed-limit): a download that receives fewer than this many bytes per second,
    /// averaged over <see cref="LowSpeedTime"/>, fails (and is retried under <see cref="Retry"/>). 0 turns the rule off.
    /// </summary>
    public long LowSpeedLimit { get; set; } = 1024;

    /// <summary>The span the low-speed rule averages over (as curl's --speed-time).</summary>
    public TimeSpan LowSpeedTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most one attempt at one image may take, however fast its bytes come.</summary>
    public TimeSpan ImageDeadline { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest image accepted; a body that grows past it is cut off there and fails. 100 MiB by default, far above the service's images.</summary>
    public long MaxImageBytes { get; set; } = DefaultMaxImageBytes;

    public const long DefaultMaxImageBytes = 100L * 1024 * 1024;

    /// <summary>The time the stall limit and the backoff between attempts run on; tests give one they move by hand.</summary>
    internal Timing.Clock Clock { get; set; } = Timing.Clock.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first property that is wrong.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("A target directory is required.", nameof(Directory));
        }

        Downloads.FileNameTemplate.Parse(FileNameTemplate);
        if (MaxParallel < 1 || MaxParallel > 64)
        {
            throw new ArgumentException($"{nameof(MaxParallel)} must be between 1 and 64; it was {MaxParallel}.", nameof(MaxParallel));
        }

        if (Retry is null)
        {
            throw new ArgumentException($"{nameof(Retry)} is required.", nameof(Retry));
        }

        if (StallTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(StallTimeout)} must be positive; it was {StallTimeout}.", nameof(StallTimeout));
        }

        if (LowSpeedLimit < 0 || LowSpeedTime <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(LowSpeedLimit)} must not be negative and {nameof(LowSpeedTime)} must be positive.", nameof(LowSpeedLimit));
        }

        if (ImageDeadline <= TimeSpan.Zero || ImageDeadline.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException($"{nameof(ImageDeadline)} must be positive and at most 24 days; it was {ImageDeadline}.", nameof(ImageDeadline));
        }

        if (MaxImageBytes < 1)
        {
            throw new ArgumentException($"{nameof(MaxImageBytes)} must be positive; it was {MaxImageBytes}.", nameof(MaxImageBytes));
        }

        if (Indexes is not null)
        {
            foreach (var index in Indexes)
            {
                if (index < 0)
                {
                    throw new ArgumentException($"{nameof(Indexes)} are 0-based and cannot be negative; got {index}.", nameof(Indexes));
                }
            }
        }
    }

    internal SaveOptions Clone()
    {
        var copy = (SaveOptions)MemberwiseClone();
        copy.Indexes = Indexes is null ? null : new List<int>(Indexes);
        return copy;
    }
}
