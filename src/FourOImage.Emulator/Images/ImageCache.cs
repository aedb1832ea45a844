using System;
using System.Collections.Generic;

namespace FourOImage.Emulator.Images;

/// <summary>
/// Rendered result images by (task, index), bounded; evicted images are simply rendered again. Concurrent requests
/// for one image share a single rendering.
/// </summary>
internal sealed class ImageCache
{
    private const int Capacity = 32;
    private readonly object _gate = new();
    private readonly Dictionary<(string, int), Lazy<byte[]>> _images = new();
    private readonly Queue<(string, int)> _order = new();
    private readonly int _seed;
    private readonly ContentCredentials _credentials;

    public ImageCache(int seed, ContentCredentials credentials)
    {
        _seed = seed;
        _credentials = credentials;
    }

    public byte[] Get(string taskId, int index, string size)
    {
        Lazy<byte[]> image;
        lock (_gate)
        {
            if (!_images.TryGetValue((taskId, index), out image!))
            {
                image = new Lazy<byte[]>(() => Render(taskId, index, size));
                _images[(taskId, index)] = image;
                _order.Enqueue((taskId, index));
                if (_order.Count > Capacity)
                {
                    _images.Remove(_order.Dequeue());
                }
            }
        }

        return image.Value;
    }

    private byte[] Render(string taskId, int index, string size)
    {
        var (width, height) = ImageSize.Of(size);
        var image = ImagePattern.Render(_seed, taskId, index, width, height);
        return _credentials.Carries(taskId, index) ? ContentCredentials.Insert(image) : image;
    }
}
