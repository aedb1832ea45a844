using System;
using System.IO;

namespace FourOImage.HelpGen;

/// <summary>FourOImage.HelpGen --docs &lt;dir&gt; --out &lt;dir&gt;: the module's markdown help to MAML and about text.</summary>
public static class Program
{
    private const string Usage = "usage: FourOImage.HelpGen --docs <markdown folder> --out <help folder, e.g. out/FourOImage/en-US>";

    public static int Main(string[] args)
    {
        string? docs = null;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--docs" when value is not null:
                    docs = value;
                    i++;
                    break;
                case "--out" when value is not null:
                    output = value;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"FourOImage.HelpGen: unexpected argument '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (docs is null || output is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (!Directory.Exists(docs))
        {
            Console.Error.WriteLine($"FourOImage.HelpGen: the docs folder '{docs}' does not exist.");
            return 2;
        }

        var (written, errors) = HelpGenerator.Generate(Path.GetFullPath(docs), Path.GetFullPath(output));
        foreach (var error in errors)
        {
            Console.Error.WriteLine($"error: {error}");
        }

        foreach (var path in written)
        {
            Console.WriteLine($"FourOImage.HelpGen: wrote {path}");
        }

        return errors.Count == 0 ? 0 : 1;
    }
}
