using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using FourOImage.Core.Hosting;
using FourOImage.Core.Pipeline;
using FourOImage.Core.Text;

namespace FourOImage.Core.Journal;

/// <summary>
/// The identity of a request in a batch journal: the SHA-256 (hex) of the request in a normalized form, so the same
/// CSV row gives the same identity on every run. What goes in: the prompt (trimmed, line endings as \n, Unicode NFC),
/// size, input images and mask (URLs as given, trimmed; local files by the SHA-256 of their content, so moving or
/// touching a file keeps its identity and editing it makes a new request), variants, enhance, fallback and its model,
/// and the callback URL. Nothing secret goes in (the API key is not part of a request), and only the hash is written.
/// </summary>
public static class RequestIdentity
{
    private const string Version = "fouroimage-request-v1";
    private const string ShapeVersion = "fouroimage-request-shape-v1";

    /// <param name="input">The record as bound; local files are read through <paramref name="files"/>.</param>
    /// <param name="request">The request built from it (sizes and defaults applied), before any upload.</param>
    public static string Of(GenerateInput input, GenerateRequest request, FileDigests files) =>
        Compute(Version, input, request, files, NormalizePrompt(request?.Prompt));

    /// <summary>
    /// The request's identity with only the ASCII characters of its prompt: the same for a row whose prompt was read in
    /// another text encoding (Windows PowerShell 5.1 reads a UTF-8 CSV without a byte order mark in the ANSI code page,
    /// which changes only the non-ASCII characters), so a resumed run can tell such a row from a new one.
    /// </summary>
    public static string ShapeOf(GenerateInput input, GenerateRequest request, FileDigests files) =>
        Compute(ShapeVersion, input, request, files, Mojibake.AsciiSkeleton(NormalizePrompt(request?.Prompt)));

    private static string Compute(string version, GenerateInput input, GenerateRequest request, FileDigests files, string prompt)
    {
        if (input is null)
        {
            throw new ArgumentNullException(nameof(input));
        }

        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var images = new List<string>();
        foreach (string url in request.FilesUrl)
        {
            images.Add("url:" + url.Trim());
        }

        foreach (string path in input.ImagePath ?? Array.Empty<string>())
        {
            images.Add(files.Describe(path));
        }

        string mask = input.MaskPath != null ? files.Describe(input.MaskPath) : request.MaskUrl is string url2 ? "url:" + url2.Trim() : "";

        var text = new StringBuilder(version).Append('\n');
        Field(text, "prompt", prompt);
        Field(text, "size", request.Size.Trim());
        Field(text, "images", images.Count.ToString(CultureInfo.InvariantCulture));
        foreach (string image in images)
        {
            Field(text, "image", image);
        }

        Field(text, "mask", mask);
        Field(text, "variants", request.Variants.ToString(CultureInfo.InvariantCulture));
        Field(text, "enhance", request.Enhance ? "1" : "0");
        Field(text, "fallback", request.EnableFallback ? "1" : "0");
        Field(text, "fallbackModel", request.FallbackModel?.Trim() ?? "");
        Field(text, "callback", request.CallbackUrl?.Trim() ?? "");
        if (request.UploadCn)
        {
            // Only when on, so the identities of journals written before the switch existed stay the same.
            Field(text, "uploadCn", "1");
        }

        return Sha256Hex(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Trimmed, CR LF and CR as LF, Unicode NFC: the prompt as the user meant it, however the CSV was saved.</summary>
    public static string NormalizePrompt(string? prompt)
    {
        if (prompt is null)
        {
            return "";
        }

        string lines = prompt.Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        return lines.IsNormalized(NormalizationForm.FormC) ? lines : lines.Normalize(NormalizationForm.FormC);
    }

    internal static string Sha256Hex(byte[] data)
    {
        using var sha = Sha256Choice.Create();
        return Hex(sha.ComputeHash(data));
    }

    internal static string Hex(byte[] hash)
    {
        var hex = new StringBuilder(hash.Length * 2);
        foreach (byte b in hash)
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    // Length-prefixed, so no value can imitate the start of the next field.
    private static void Field(StringBuilder text, string name, string value) =>
        text.Append(name).Append('=').Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}
