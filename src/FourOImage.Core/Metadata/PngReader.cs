using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace FourOImage.Core.Metadata;

/// <summary>
/// Reads the chunk structure of a PNG file without decoding pixels. Structure rules checked: the signature, IHDR first
/// (13 bytes), at least one IDAT, IEND last and empty, nothing after IEND, chunk types of four ASCII letters. With
/// <c>verifyEveryChunk</c> every CRC is checked (the image data streamed through one pooled buffer, never held);
/// otherwise only the chunks that are loaded (IHDR, text chunks, caBX) are checked and the rest is skipped by seeking.
/// Problems are <see cref="InvalidDataException"/> with a message saying what and where.
/// </summary>
internal static class PngReader
{
    /// <summary>The buffer chunk data streams through, rented from the shared pool.</summary>
    internal const int BufferSize = 81920;

    /// <summary>
    /// The file stream's own buffer: only small reads (chunk headers, CRCs) go through it; reads of a whole buffer go
    /// straight to the file, so a large one would only cost memory on every file opened.
    /// </summary>
    internal const int FileBufferSize = 4096;

    // Larger text chunks are not loaded: no prompt is that long, and a hostile file should not cost memory.
    private const int MaxLoadedChunk = 4 * 1024 * 1024;

    public static PngLayout Read(string path, bool verifyEveryChunk)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileBufferSize);
        return Read(stream, verifyEveryChunk);
    }

    public static PngLayout Read(Stream stream, bool verifyEveryChunk)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            return Read(stream, verifyEveryChunk, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static PngLayout Read(Stream stream, bool verifyEveryChunk, byte[] buffer)
    {
        var signature = new byte[PngFormat.Signature.Length];
        if (ReadFully(stream, signature, 0, signature.Length) != signature.Length || !StartsWithSignature(signature))
        {
            throw new InvalidDataException("It does not start with the PNG signature.");
        }

        var chunks = new List<PngChunk>();
        var header = new byte[8];
        var typeBytes = new byte[4];
        var stored = new byte[4];
        long offset = signature.Length;
        while (true)
        {
            int got = ReadFully(stream, header, 0, 8);
            if (got == 0)
            {
                throw new InvalidDataException($"It ends at byte {offset} without an IEND chunk.");
            }

            if (got < 8)
            {
                throw new InvalidDataException($"A chunk header at byte {offset} is cut short.");
            }

            uint length = ReadUInt32(header, 0);
            if (length > PngFormat.MaxChunkLength)
            {
                throw new InvalidDataException($"The chunk at byte {offset} declares {length} bytes, more than PNG allows.");
            }

            Buffer.BlockCopy(header, 4, typeBytes, 0, 4);
            string type = ChunkType(typeBytes, offset);
            if (chunks.Count == 0 && (type != PngFormat.Header || length != 13))
            {
                throw new InvalidDataException($"The first chunk is {type} ({length} bytes), not a 13-byte IHDR.");
            }

            bool load = type == PngFormat.Header || type == PngFormat.ContentCredentials || (PngFormat.IsTextChunk(type) && length <= MaxLoadedChunk);
            byte[]? data = null;
            uint crc;
            if (load || verifyEveryChunk)
            {
                crc = ReadData(stream, typeBytes, (int)length, load ? data = new byte[length] : null, buffer, offset, type);
                if (ReadFully(stream, stored, 0, 4) != 4)
                {
                    throw new InvalidDataException($"The {type} chunk at byte {offset} is cut short.");
                }

                if (ReadUInt32(stored, 0) != crc)
                {
                    throw new InvalidDataException($"The {type} chunk at byte {offset} fails its CRC check.");
                }
            }
            else
            {
                Skip(stream, length + 4L, offset, type, buffer);
            }

            var chunk = new PngChunk(type, offset, (int)length, data);
            chunks.Add(chunk);
            offset = chunk.End;
            if (type == PngFormat.End)
            {
                if (length != 0)
                {
                    throw new InvalidDataException($"The IEND chunk at byte {chunk.Offset} is not empty.");
                }

                break;
            }
        }

        if (verifyEveryChunk && ReadFully(stream, header, 0, 1) != 0)
        {
            throw new InvalidDataException($"There are bytes after the IEND chunk (at byte {offset}).");
        }

        if (!chunks.Exists(c => c.Type == PngFormat.Data))
        {
            throw new InvalidDataException("It has no IDAT chunk (no image data).");
        }

        return new PngLayout(chunks);
    }

    public static bool StartsWithSignature(byte[] bytes)
    {
        if (bytes.Length < PngFormat.Signature.Length)
        {
            return false;
        }

        for (int i = 0; i < PngFormat.Signature.Length; i++)
        {
            if (bytes[i] != PngFormat.Signature[i])
            {
                return false;
            }
        }

        return true;
    }

    internal static uint ReadUInt32(byte[] bytes, int offset) =>
        (uint)(bytes[offset] << 24 | bytes[offset + 1] << 16 | bytes[offset + 2] << 8 | bytes[offset + 3]);

    private static string ChunkType(byte[] typeBytes, long offset)
    {
        foreach (byte b in typeBytes)
        {
            if (!((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z')))
            {
                throw new InvalidDataException($"The chunk at byte {offset} has a type that is not four ASCII letters.");
            }
        }

        return Encoding.ASCII.GetString(typeBytes);
    }

    // Reads a chunk's data (into target when given, else through the buffer) and returns its CRC.
    private static uint ReadData(Stream stream, byte[] typeBytes, int length, byte[]? target, byte[] buffer, long offset, string type)
    {
        uint crc = PngCrc.Update(0xFFFFFFFFu, typeBytes, 0, 4);
        int remaining = length;
        int position = 0;
        while (remaining > 0)
        {
            byte[] into = target ?? buffer;
            int at = target is null ? 0 : position;
            int read = stream.Read(into, at, target is null ? Math.Min(remaining, buffer.Length) : remaining);
            if (read <= 0)
            {
                throw new InvalidDataException($"The {type} chunk at byte {offset} is cut short.");
            }

            crc = PngCrc.Update(crc, into, at, read);
            position += read;
            remaining -= read;
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static void Skip(Stream stream, long count, long offset, string type, byte[] buffer)
    {
        if (stream.CanSeek)
        {
            if (stream.Position + count > stream.Length)
            {
                throw new InvalidDataException($"The {type} chunk at byte {offset} is cut short.");
            }

            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        while (count > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(count, buffer.Length));
            if (read <= 0)
            {
                throw new InvalidDataException($"The {type} chunk at byte {offset} is cut short.");
            }

            count -= read;
        }
    }

    internal static int ReadFully(Stream stream, byte[] buffer, int offset, int count)
    {
        int total = 0;
        while (total < count)
        {
            int read = stream.Read(buffer, offset + total, count - total);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
