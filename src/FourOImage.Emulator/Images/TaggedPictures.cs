using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace FourOImage.Emulator.Images;

/// <summary>
/// Result images when <see cref="EmulatorOptions.DistinctPictures"/> is set (benchmarks): only that many pictures
/// per size are rendered, once, and each served image is one of them with a tEXt chunk naming its task and variant.
/// Every image still has its own bytes, but serving one costs a copy instead of a render.
/// The pictures are rendered when the server starts, so a measured run never waits for one.
/// </summary>
internal sealed class TaggedPictures
{
    private const int HeaderEnd = 33; // PNG signature (8) + IHDR chunk (25): the text chunk goes right after.
    private readonly int _seed;
    private readonly int _count;
    private readonly ContentCredentials _credentials;
    private readonly Dictionary<(string Size, int Picture), byte[]> _pictures = new();

    public TaggedPictures(int seed, int count, ContentCredentials credentials)
    {
        _credentials = credentials;
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "DistinctPictures must be at least 1.");
        }

        _seed = seed;
        _count = count;
        foreach (var size in ImageSize.Ratios)
        {
            for (var picture = 0; picture < count; picture++)
            {
                var (width, height) = ImageSize.Of(size);
                _pictures[(size, picture)] = ImagePattern.Render(seed, "picture-" + picture, 0, width, height);
            }
        }
    }

    public PooledImage Get(string taskId, int index, string size)
    {
        var picture = _pictures[(size, Choose(taskId, index))];
        var text = Encoding.Latin1.GetBytes($"Comment\0{taskId} {index}");
        var length = picture.Length + PngWriter.ChunkOverhead + text.Length;
        var credentials = _credentials.Carries(taskId, index);
        var image = PooledImage.Rent(length + (credentials ? ContentCredentials.ChunkLength : 0));
        var span = image.Span;
        var tagged = credentials ? new byte[length] : span;
        picture.AsSpan(0, HeaderEnd).CopyTo(tagged);
        var written = PngWriter.WriteChunk(tagged[HeaderEnd..], "tEXt", text);
        picture.AsSpan(HeaderEnd).CopyTo(tagged[(HeaderEnd + written)..]);
        if (credentials)
        {
            ContentCredentials.Insert(tagged, span);
        }

        return image;
    }

    private int Choose(string taskId, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{_seed}:{taskId}:{index}"));
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % (uint)_count);
    }
}
