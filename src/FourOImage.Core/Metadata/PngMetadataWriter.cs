using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace FourOImage.Core.Metadata;

/// <summary>
/// Writes a copy of a PNG with text chunks inserted right after IHDR and every other byte as it was, then reads the copy
/// back: every CRC, the structure, and each inserted text equal to what was meant. Never changes the source file.
/// The image streams through one pooled buffer both ways: a save holds no copy of the image in memory.
/// </summary>
internal static class PngMetadataWriter
{
    /// <summary>Throws <see cref="InvalidDataException"/> when the copy does not verify (the copy is then deleted).</summary>
    public static void Insert(string sourcePath, PngLayout layout, string destinationPath, IReadOnlyList<PngTextEntry> entries)
    {
        long headerEnd = layout.Chunks[0].End;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(PngReader.BufferSize);
        try
        {
            using (var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, PngReader.FileBufferSize))
            using (var destination = new FileStream(destinationPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, PngReader.FileBufferSize))
            {
                Copy(source, destination, headerEnd, buffer);
                foreach (var entry in entries)
                {
                    WriteChunk(destination, PngFormat.InternationalText, PngText.EncodeInternational(entry.Keyword, entry.Text));
                }

                Copy(source, destination, source.Length - headerEnd, buffer);
                destination.Flush(flushToDisk: true);
            }

            Verify(destinationPath, layout, entries);
        }
        catch
        {
            TryDelete(destinationPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Verify(string path, PngLayout original, IReadOnlyList<PngTextEntry> entries)
    {
        var written = PngReader.Read(path, verifyEveryChunk: true);
        if (written.Chunks.Count != original.Chunks.Count + entries.Count || written.Width != original.Width || written.Height != original.Height)
        {
            throw new InvalidDataException("The copy with metadata does not have the chunks of the original.");
        }

        for (int i = 0; i < entries.Count; i++)
        {
            var chunk = written.Chunks[1 + i];
            var read = chunk.Data is null ? null : PngText.TryDecode(chunk.Type, chunk.Data);
            if (read is null || read.Keyword != entries[i].Keyword || read.Text != entries[i].Text)
            {
                throw new InvalidDataException($"The text chunk '{entries[i].Keyword}' does not read back as written.");
            }
        }
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var length = new byte[4];
        WriteUInt32(length, (uint)data.Length);
        output.Write(length, 0, 4);
        output.Write(typeBytes, 0, 4);
        output.Write(data, 0, data.Length);
        var crc = new byte[4];
        WriteUInt32(crc, PngCrc.Compute(typeBytes, data, 0, data.Length));
        output.Write(crc, 0, 4);
    }

    private static void WriteUInt32(byte[] target, uint value)
    {
        target[0] = (byte)(value >> 24);
        target[1] = (byte)(value >> 16);
        target[2] = (byte)(value >> 8);
        target[3] = (byte)value;
    }

    private static void Copy(Stream source, Stream destination, long count, byte[] buffer)
    {
        while (count > 0)
        {
            int read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read <= 0)
            {
                throw new InvalidDataException("The source PNG changed while it was copied.");
            }

            destination.Write(buffer, 0, read);
            count -= read;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
        }
    }
}
