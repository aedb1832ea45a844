using System;
using System.Buffers;

namespace FourOImage.Emulator.Images;

/// <summary>An image body in a pooled buffer, returned to the pool on disposal.</summary>
internal sealed class PooledImage : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    private PooledImage(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public Memory<byte> Bytes => _buffer is { } buffer ? buffer.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(PooledImage));

    public Span<byte> Span => Bytes.Span;

    public static PooledImage Rent(int length) => new(ArrayPool<byte>.Shared.Rent(length), length);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
