using System;

namespace FourOImage;

/// <summary>Base of every error FourOImage raises on purpose. Messages never contain the API key.</summary>
public class FourOImageException : Exception
{
    public FourOImageException(string message)
        : base(message)
    {
    }

    public FourOImageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
