using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace FourOImage.Core.Downloads;

/// <summary>
/// A file name with fields, e.g. <c>{Date}_{Prompt}_{Index}.{Ext}</c>. Fields (names are case-insensitive):
/// <list type="bullet">
/// <item><c>{TaskId}</c>: the task id.</item>
/// <item><c>{Index}</c>: the 0-based position of the image in the task's results (0 to 3).</item>
/// <item><c>{Size}</c>: the aspect ratio with 'x' for ':' ("1x1", "3x2", "2x3"; "unknown" when not known).</item>
/// <item><c>{Prompt}</c>: a slug of the prompt: lowercase ASCII letters, digits and dashes, at most 40 characters ("untitled" when none is left).</item>
/// <item><c>{Date}</c>: yyyyMMdd (UTC) of the task's completion, else its creation.</item>
/// <item><c>{Ext}</c>: the extension of the result URL when it is png, jpg, jpeg or webp; otherwise png.</item>
/// </list>
/// The template is a file name, not a path: its literal text cannot hold path separators or other characters that are
/// invalid in file names. Field values are cleaned the same way, so no task id, prompt or URL can move the file elsewhere.
/// </summary>
public sealed class FileNameTemplate
{
    public const string Default = "{TaskId}_{Index}.png";

    private static readonly string[] FieldNames = { "TaskId", "Index", "Size", "Prompt", "Date", "Ext" };

    /// <summary>The field names, as written between braces.</summary>
    public static IReadOnlyList<string> Fields => FieldNames;
    private static readonly string[] ImageExtensions = { "png", "jpg", "jpeg", "webp" };

    // Literal text and field names alternate; a field part is stored with its canonical name.
    private readonly IReadOnlyList<(bool IsField, string Text)> parts;

    private FileNameTemplate(string text, IReadOnlyList<(bool IsField, string Text)> parts)
    {
        Text = text;
        this.parts = parts;
    }

    public string Text { get; }

    /// <summary>Parses and checks a template; throws <see cref="ArgumentException"/> (parameter FileNameTemplate) saying what is wrong.</summary>
    public static FileNameTemplate Parse(string template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            throw Invalid(template, "it is empty");
        }

        var parts = new List<(bool, string)>();
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            var literalEnd = open < 0 ? template.Length : open;
            AddLiteral(template, template.Substring(position, literalEnd - position), parts);
            if (open < 0)
            {
                break;
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                throw Invalid(template, $"the '{{' at position {open} is never closed");
            }

            parts.Add((true, CanonicalField(template, template.Substring(open + 1, close - open - 1))));
            position = close + 1;
        }

        return new FileNameTemplate(template, parts);
    }

    /// <summary>
    /// The file name for one image. A name past the file system's limit (255 UTF-8 bytes, less room for " (999)") is
    /// made to fit by shortening the prompt's part. Throws <see cref="ArgumentException"/> naming the template when the
    /// result is unusable (empty, dots only, or too long without any prompt).
    /// </summary>
    public string Render(ImageTask task, int index, string? resultUrl)
    {
        const int limit = SafeFileName.MaxBytes - SafeFileName.CollisionSuffixBytes;
        var slugLength = PromptSlug.MaxLength;
        while (true)
        {
            var name = SafeFileName.Finish(Compose(task, index, resultUrl, slugLength))
                ?? throw Invalid(Text, $"it gives an empty file name for image {index} of task {task.TaskId}");
            var size = SafeFileName.SizeOf(name);
            if (size <= limit)
            {
                return name;
            }

            if (!HasField("Prompt") || slugLength <= 1)
            {
                throw Invalid(Text, $"it gives a file name of {size} bytes for image {index} of task {task.TaskId} (the limit is {limit} bytes in UTF-8)");
            }

            slugLength--;
        }
    }

    private string Compose(ImageTask task, int index, string? resultUrl, int slugLength)
    {
        var builder = new StringBuilder();
        foreach (var (isField, text) in parts)
        {
            builder.Append(isField ? SafeFileName.ReplaceInvalidChars(FieldValue(text, task, index, resultUrl, slugLength)) : text);
        }

        return builder.ToString();
    }

    /// <summary>Whether the template uses the field (canonical name, e.g. "TaskId").</summary>
    public bool HasField(string field)
    {
        foreach (var (isField, text) in parts)
        {
            if (isField && text == field)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Text;

    private static string FieldValue(string field, ImageTask task, int index, string? resultUrl, int slugLength)
    {
        switch (field)
        {
            case "TaskId":
                return task.TaskId;
            case "Index":
                return index.ToString(CultureInfo.InvariantCulture);
            case "Size":
                return string.IsNullOrWhiteSpace(task.Size) ? "unknown" : task.Size!.Trim().Replace(':', 'x');
            case "Prompt":
                return PromptSlug.From(task.Prompt, slugLength);
            case "Date":
                var when = task.CompleteTime ?? task.CreateTime ?? task.RetrievedAt;
                return when.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            default:
                return ExtensionOf(resultUrl);
        }
    }

    private static string ExtensionOf(string? resultUrl)
    {
        if (Uri.TryCreate(resultUrl, UriKind.Absolute, out var uri))
        {
            var extension = Path.GetExtension(uri.AbsolutePath).TrimStart('.').ToLowerInvariant();
            if (Array.IndexOf(ImageExtensions, extension) >= 0)
            {
                return extension;
            }
        }

        return "png";
    }

    private static void AddLiteral(string template, string literal, List<(bool, string)> parts)
    {
        if (literal.Length == 0)
        {
            return;
        }

        foreach (var c in literal)
        {
            if (c == '}')
            {
                throw Invalid(template, "it has a '}' without a matching '{'");
            }

            if (SafeFileName.IsInvalidChar(c))
            {
                var shown = c < 32 ? $"U+{(int)c:X4}" : $"'{c}'";
                throw Invalid(template, $"it must be a file name, not a path, and cannot contain {shown}");
            }
        }

        parts.Add((false, literal));
    }

    private static string CanonicalField(string template, string name)
    {
        foreach (var field in FieldNames)
        {
            if (string.Equals(field, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return field;
            }
        }

        throw Invalid(template, $"{{{name}}} is not a field; use {{{string.Join("}, {", FieldNames)}}}");
    }

    private static ArgumentException Invalid(string? template, string reason) =>
        new($"The file name template '{template}' is not valid: {reason}.", nameof(SaveOptions.FileNameTemplate));
}
