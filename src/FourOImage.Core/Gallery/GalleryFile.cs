using System.IO;
using System.Text;
using FourOImage.Core.Downloads;

namespace FourOImage.Core.Gallery;

/// <summary>Writes the page through a temporary file and a rename, so no half-written page is ever seen.</summary>
public static class GalleryFile
{
    /// <summary>Without <paramref name="overwrite"/> an existing file is left alone and an <see cref="IOException"/> says so.</summary>
    public static void Write(string path, string html, bool overwrite)
    {
        var folder = new TargetFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        folder.Create();
        string final = folder.Resolve(Path.GetFileName(path));
        if (!overwrite && File.Exists(final))
        {
            throw Exists(final);
        }

        string temp = folder.NewTempPath(Path.GetFileName(final));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(false).GetBytes(html);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (overwrite && File.Exists(final))
            {
                File.Replace(temp, final, destinationBackupFileName: null, ignoreMetadataErrors: true);
            }
            else
            {
                try
                {
                    File.Move(temp, final);
                }
                catch (IOException) when (File.Exists(final))
                {
                    throw Exists(final);
                }
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static IOException Exists(string path) =>
        new($"'{path}' already exists; use -Force to replace it.");
}
