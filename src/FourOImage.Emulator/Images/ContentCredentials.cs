using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FourOImage.Emulator.Images;

/// <summary>
/// Result images that carry content credentials, as GPT-4o output can: a <c>caBX</c> chunk (the PNG home of a C2PA
/// manifest store) right after IHDR. Which images carry one is drawn from the seed, task and variant, so a run repeats.
/// The box is a JUMBF superbox labelled "c2pa" with no signed content: enough for a client to recognise, not to verify.
/// </summary>
internal sealed class ContentCredentials
{
    public const string ChunkType = "caBX";
    private const int HeaderEnd = 33; // PNG signature (8) + IHDR chunk (25)
    private static readonly byte[] Box = BuildBox();
    private readonly int _seed;
    private readonly double _rate;

    public ContentCredentials(int seed, double rate)
    {
        if (rate < 0 || rate > 1 || double.IsNaN(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "ContentCredentialsRate must be between 0 and 1.");
        }

        _seed = seed;
        _rate = rate;
    }

    /// <summary>Bytes the chunk adds to an image.</summary>
    public static int ChunkLength => PngWriter.ChunkOverhead + Box.Length;

    public bool Carries(string taskId, int index)
    {
        if (_rate <= 0)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{_seed}:{taskId}:{index}:c2pa"));
        return BinaryPrimitives.ReadUInt32BigEndian(hash) / (double)uint.MaxValue < _rate;
    }

    /// <summary>Writes the PNG with the chunk after IHDR into <paramref name="destination"/> (png.Length + ChunkLength bytes).</summary>
    public static void Insert(ReadOnlySpan<byte> png, Span<byte> destination)
    {
        png[..HeaderEnd].CopyTo(destination);
        var written = PngWriter.WriteChunk(destination[HeaderEnd..], ChunkType, Box);
        png[HeaderEnd..].CopyTo(destination[(HeaderEnd + written)..]);
    }

    public static byte[] Insert(byte[] png)
    {
        var result = new byte[png.Length + ChunkLength];
        Insert(png, result);
        return result;
    }

    // A JUMBF superbox ("jumb") holding a description box ("jumd") with the C2PA manifest-store UUID and label "c2pa".
    private static byte[] BuildBox()
    {
        var uuid = Convert.FromHexString("6332706100110010800000AA00389B71");
        var label = Encoding.ASCII.GetBytes("c2pa\0");
        var descriptionLength = 8 + uuid.Length + 1 + label.Length;
        var box = new byte[8 + descriptionLength];
        BinaryPrimitives.WriteInt32BigEndian(box, box.Length);
        Encoding.ASCII.GetBytes("jumb").CopyTo(box, 4);
        BinaryPrimitives.WriteInt32BigEndian(box.AsSpan(8), descriptionLength);
        Encoding.ASCII.GetBytes("jumd").CopyTo(box, 12);
        uuid.CopyTo(box, 16);
        box[16 + uuid.Length] = 0x03; // toggles: requestable, label present
        label.CopyTo(box, 17 + uuid.Length);
        return box;
    }
}
