using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FourOImage.HelpGen.About;
using FourOImage.HelpGen.Markdown;
using FourOImage.HelpGen.Maml;
using FourOImage.HelpGen.Model;

namespace FourOImage.HelpGen;

/// <summary>
/// docs/Verb-Noun.md pages become one MAML file (named by their 'external help file:'), docs/about_*.md pages
/// become about_*.help.txt. Other markdown in docs/ (guides) is not help and is left alone. Nothing is written
/// unless every page is valid, so a broken page never ships half a help file.
/// </summary>
public static class HelpGenerator
{
    public static IReadOnlyList<string> FindCommandPages(string docsDirectory) =>
        Directory.GetFiles(docsDirectory, "*.md")
            .Where(f => CommandHelpValidator.IsCommandName(Path.GetFileNameWithoutExtension(f)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> FindAboutPages(string docsDirectory) =>
        Directory.GetFiles(docsDirectory, "about_*.md")
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    /// <summary>Parses and validates every cmdlet page; the errors say which file and what is wrong.</summary>
    public static (List<CommandHelp> Commands, List<string> Errors) ReadCommands(string docsDirectory)
    {
        var commands = new List<CommandHelp>();
        var errors = new List<string>();
        foreach (var file in FindCommandPages(docsDirectory))
        {
            try
            {
                var help = CommandPageParser.Parse(file, File.ReadAllText(file));
                errors.AddRange(CommandHelpValidator.Validate(help));
                commands.Add(help);
            }
            catch (DocsException e)
            {
                errors.Add(e.Message);
            }
        }

        var helpFiles = commands.Select(c => c.ExternalHelpFile).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (helpFiles.Count > 1)
        {
            errors.Add($"the cmdlet pages name different 'external help file:' values ({string.Join(", ", helpFiles)}); one module has one.");
        }

        return (commands, errors);
    }

    /// <summary>Writes the help files into outputDirectory and returns their paths, or returns the errors and writes nothing.</summary>
    public static (List<string> Written, List<string> Errors) Generate(string docsDirectory, string outputDirectory)
    {
        var (commands, errors) = ReadCommands(docsDirectory);
        if (commands.Count == 0 && errors.Count == 0)
        {
            errors.Add($"{docsDirectory}: no cmdlet pages (Verb-Noun.md) found.");
        }

        var abouts = new List<(string Name, string Text)>();
        foreach (var file in FindAboutPages(docsDirectory))
        {
            try
            {
                abouts.Add((Path.GetFileNameWithoutExtension(file) + ".help.txt", AboutTextWriter.Render(file, File.ReadAllText(file))));
            }
            catch (DocsException e)
            {
                errors.Add(e.Message);
            }
        }

        var written = new List<string>();
        if (errors.Count > 0)
        {
            return (written, errors);
        }

        Directory.CreateDirectory(outputDirectory);
        var mamlPath = Path.Combine(outputDirectory, commands[0].ExternalHelpFile);
        MamlWriter.Save(MamlWriter.ToDocument(commands), mamlPath);
        written.Add(mamlPath);
        foreach (var (name, text) in abouts)
        {
            var path = Path.Combine(outputDirectory, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            written.Add(path);
        }

        return (written, errors);
    }
}
