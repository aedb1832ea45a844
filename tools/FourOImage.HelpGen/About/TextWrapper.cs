using System;
using System.Collections.Generic;

namespace FourOImage.HelpGen.About;

/// <summary>Greedy word wrap. A word longer than the line gets a line of its own rather than being cut.</summary>
public static class TextWrapper
{
    public static List<string> Wrap(string text, int width, string firstIndent, string nextIndent)
    {
        var lines = new List<string>();
        var line = firstIndent;
        var lineHasWord = false;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lineHasWord && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = nextIndent;
                lineHasWord = false;
            }

            line += (lineHasWord ? " " : string.Empty) + word;
            lineHasWord = true;
        }

        if (lineHasWord)
        {
            lines.Add(line);
        }

        return lines;
    }
}
