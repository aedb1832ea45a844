using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Core.Tests.Emulated;

/// <summary>Local files go to the upload endpoint as multipart, after the type and size checks.</summary>
public sealed class UploadTests : IDisposable
{
    internal static readonly byte[] Png =
    {
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
        0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
        0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("fouroimage-upload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task A_png_is_uploaded_and_its_url_serves_the_same_bytes()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        var path = Write("tiny café.png", Png);

        var uploaded = await client.UploadFileAsync(path);

        Assert.Equal(path, uploaded.LocalPath);
        Assert.Equal(uploaded.DownloadUrl.AbsoluteUri, uploaded.ToString());
        Assert.Equal(Png.Length, uploaded.FileSize);
        Assert.Equal("image/png", uploaded.MimeType);
        var entry = Assert.Single(emulator.RequestLog, e => e.Endpoint == "upload");
        Assert.True(entry.HadAuthorization);
        Assert.Equal(200, entry.BodyCode);

        using var http = new HttpClient();
        Assert.Equal(Png, await http.GetByteArrayAsync(uploaded.DownloadUrl));
    }

    [Fact]
    public async Task Bad_files_are_refused_before_sending_with_the_path_in_the_error()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator);
        var text = Write("notes.txt", Png);
        var disguised = Write("photo.jpg", "hello, not an image"u8.ToArray());
        var empty = Write("empty.webp", Array.Empty<byte>());
        var huge = Path.Combine(_folder, "huge.png");
        using (var stream = File.Create(huge))
        {
            stream.Write(Png);
            stream.SetLength((25L * 1024 * 1024) + 1);
        }

        foreach (var path in new[] { text, disguised, empty, huge })
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => client.UploadFileAsync(path));
            Assert.Contains(path, error.Message);
            Assert.Equal("path", error.ParamName);
        }

        var missing = Path.Combine(_folder, "missing.png");
        var notFound = await Assert.ThrowsAsync<FileNotFoundException>(() => client.UploadFileAsync(missing));
        Assert.Contains(missing, notFound.Message);
        Assert.DoesNotContain(emulator.RequestLog, e => e.Endpoint == "upload");
    }

    [Fact]
    public void Exactly_25_MiB_is_accepted_by_the_check()
    {
        var path = Path.Combine(_folder, "limit.jpeg");
        using (var stream = File.Create(path))
        {
            stream.Write(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 });
            stream.SetLength(25L * 1024 * 1024);
        }

        var file = LocalImageFile.Inspect(path);

        Assert.Equal("image/jpeg", file.MimeType);
        Assert.Equal(25L * 1024 * 1024, file.Length);
    }

    [Fact]
    public async Task Upload_errors_name_the_file()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.ClientFor(emulator, change: o => o.WithRetry(RetryOptions.None));
        var path = Write("a.webp", "RIFF\0\0\0\0WEBPVP8 "u8.ToArray());
        emulator.Faults.Enqueue("upload", FourOImage.Emulator.Fault.WithBodyCode(500), 1);

        var error = await Assert.ThrowsAsync<FourOImageApiException>(() => client.UploadFileAsync(path));

        Assert.Equal("upload", error.Endpoint);
        Assert.Contains(path, error.Message);
        Assert.True(error.IsRetryable);
        Assert.Single(emulator.RequestLog, e => e.Endpoint == "upload");
    }
}
