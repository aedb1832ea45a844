using System;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FourOImage.Emulator.Hosting;

/// <summary>The base URLs, known once Kestrel has bound its ports.</summary>
internal sealed class EmulatorUrls
{
    public Uri Api { get; set; } = new("http://127.0.0.1/");

    public Uri Image { get; set; } = new("http://127.0.0.1/");

    public int ApiPort { get; set; }

    public int ImagePort { get; set; }

    public ListenOptions? ApiListen { get; set; }

    public ListenOptions? ImageListen { get; set; }
}
