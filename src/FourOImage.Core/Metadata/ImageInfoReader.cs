using System;
using System.IO;

namespace FourOImage.Core.Metadata;

/// <summary>
/// Reads what FourOImage recorded about an image: the FourOImage text chunk of a PNG, else the JSON sidecar beside the
/// file. Throws <see cref="ImageMetadataMissingException"/> when a file has neither, <see cref="InvalidDataException"/>
/// when it is not a readable PNG, JPEG or WebP image, and the usual IO exceptions.
/// </summary>
public static class ImageInfoReader
{
    public static ImageInfo Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        string format = FormatOf(fullPath);
        var info = new ImageInfo { Path = fullPath, Format = format };
        if (format == "PNG")
        {
            var layout = PngReader.Read(fullPath, verifyEveryChunk: false);
            info.Width = layout.Width;
            info.Height = layout.Height;
            info.HasContentCredentials = layout.HasContentCredentials;
            if (layout.Text(ImageFacts.Keyword) is string json && ImageFacts.TryReadJson(json, info))
            {
                info.MetadataSource = "PNG";
                return info;
            }
        }

        string sidecar = ImageFacts.SidecarPath(fullPath);
        if (File.Exists(sidecar) && ImageFacts.TryReadJson(File.ReadAllText(sidecar), info))
        {
            info.MetadataSource = "Sidecar";
            info.SidecarPath = sidecar;
            return info;
        }

        throw new ImageMetadataMissingException(
            format == "PNG"
                ? $"'{fullPath}' has no FourOImage metadata: no '{ImageFacts.Keyword}' text chunk and no sidecar '{Path.GetFileName(sidecar)}' beside it."
                : $"'{fullPath}' has no FourOImage metadata: a {format} file keeps it in a sidecar '{Path.GetFileName(sidecar)}', and there is none.",
            fullPath);
    }

    /// <summary>
    /// The recorded facts, or, for an image without any, what is known otherwise (the file, its pixels, and the task id,
    /// index and prompt the caller knows, e.g. from Save-4oImage -NoMetadata output) with an empty MetadataSource.
    /// Throws <see cref="InvalidDataException"/> for a file that is not a readable image, and IO exceptions.
    /// </summary>
    public static ImageInfo Describe(string path, string? taskId, int? index, string? prompt)
    {
        try
        {
            return Read(path);
        }
        catch (ImageMetadataMissingException)
        {
            var fullPath = Path.GetFullPath(path);
            var info = new ImageInfo { Path = fullPath, Format = FormatOf(fullPath), TaskId = taskId, Index = index, Prompt = prompt };
            if (info.Format == "PNG")
            {
                var layout = PngReader.Read(fullPath, verifyEveryChunk: false);
                info.Width = layout.Width;
                info.Height = layout.Height;
                info.HasContentCredentials = layout.HasContentCredentials;
            }

            return info;
        }
    }

    /// <summary>"PNG", "JPEG" or "WebP" from the first bytes; <see cref="InvalidDataException"/> otherwise.</summary>
    internal static string FormatOf(string path)
    {
        var header = new byte[12];
        int count = 0;
        // Twelve bytes: no stream buffer (a size of 1 turns it off).
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1))
        {
            int read;
            while (count < header.Length && (read = stream.Read(header, count, header.Length - count)) > 0)
            {
                count += read;
            }
        }

        return ImageSignature.MimeType(header, count) switch
        {
            "image/png" => "PNG",
            "image/jpeg" => "JPEG",
            "image/webp" => "WebP",
            _ => throw new InvalidDataException("It is not a PNG, JPEG or WebP image."),
        };
    }
}
