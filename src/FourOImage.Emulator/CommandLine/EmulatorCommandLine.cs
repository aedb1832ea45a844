using System;

namespace FourOImage.Emulator;

/// <summary>Turns command-line arguments into <see cref="EmulatorOptions"/>.</summary>
public static class EmulatorCommandLine
{
    public static EmulatorOptions Parse(string[] args)
    {
        var options = new EmulatorOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--urls")
            {
                var uri = new Uri(args[i + 1].Split(';')[0]);
                options.Host = uri.Host;
                options.ApiPort = uri.Port;
            }
        }

        return options;
    }
}
