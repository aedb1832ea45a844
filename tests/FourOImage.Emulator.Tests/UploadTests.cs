using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace FourOImage.Emulator.Tests;

public sealed class UploadTests
{
    private static readonly byte[] Content = { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5, 6 };

    [Fact]
    public async Task An_upload_answers_the_live_shape_and_is_served_from_the_image_host_without_a_key()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.UploadAsync(Content, "images/user-uploads", "cat 1.png");

        Assert.True(answer.GetProperty("success").GetBoolean());
        Assert.Equal(200, answer.GetProperty("code").GetInt32());
        Assert.Equal("File uploaded successfully", answer.GetProperty("msg").GetString());
        var data = answer.GetProperty("data");
        Assert.Equal("cat 1.png", data.GetProperty("fileName").GetString());
        Assert.Equal("images/user-uploads/cat 1.png", data.GetProperty("filePath").GetString());
        Assert.Equal(Content.Length, data.GetProperty("fileSize").GetInt32());
        Assert.Equal("image/png", data.GetProperty("mimeType").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", data.GetProperty("uploadedAt").GetString());

        var downloadUrl = new Uri(data.GetProperty("downloadUrl").GetString()!);
        Assert.Equal(emu.Server.ImageBaseUrl.Authority, downloadUrl.Authority);
        Assert.Equal(Content, await emu.Http.GetByteArrayAsync(downloadUrl));

        Assert.Collection(emu.Server.RequestLog,
            upload => Assert.Equal(("upload", EmulatorEndpoints.Upload, true), (upload.Host, upload.Endpoint, upload.HadAuthorization)),
            image => Assert.Equal(("image", false), (image.Host, image.HadAuthorization)));
    }

    [Fact]
    public async Task The_file_name_defaults_to_the_uploaded_files_name_and_uploads_expire_after_3_days()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var data = (await emu.UploadAsync(Content, "x")).GetProperty("data");
        Assert.Equal("local name.png", data.GetProperty("fileName").GetString());

        emu.Server.AdvanceClock(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.NotFound, await emu.StatusOfAsync(data.GetProperty("downloadUrl").GetString()!));
    }

    [Theory]
    [InlineData(false, true, "file")]
    [InlineData(true, false, "uploadPath")]
    public async Task Missing_fields_are_422_naming_them(bool withFile, bool withPath, string field)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.UploadAsync(withFile ? Content : null, withPath ? "p" : null);
        Assert.False(answer.GetProperty("success").GetBoolean());
        Assert.Equal(422, answer.GetProperty("code").GetInt32());
        Assert.Contains(field, answer.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Upload_needs_a_key()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.UploadAsync(Content, "p", auth: false);
        Assert.False(answer.GetProperty("success").GetBoolean());
        Assert.Equal(401, answer.GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("data:image/webp;base64,", "image/webp")]
    [InlineData("", "image/png")]
    public async Task A_base64_upload_answers_the_same_shape_and_serves_the_bytes(string prefix, string mimeType)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var body = JsonSerializer.Serialize(new { base64Data = prefix + Convert.ToBase64String(Content), uploadPath = "b64", fileName = "pic.png" });
        var answer = await emu.CallAsync(HttpMethod.Post, "api/file-base64-upload", body);

        Assert.True(answer.GetProperty("success").GetBoolean());
        var data = answer.GetProperty("data");
        Assert.Equal(("b64/pic.png", mimeType, Content.Length), (data.GetProperty("filePath").GetString(), data.GetProperty("mimeType").GetString(), data.GetProperty("fileSize").GetInt32()));
        Assert.Equal(Content, await emu.Http.GetByteArrayAsync(data.GetProperty("downloadUrl").GetString()));
        Assert.Equal(EmulatorEndpoints.Upload, emu.Server.RequestLog[0].Endpoint);
    }

    [Theory]
    [InlineData("{\"uploadPath\":\"p\"}", "base64Data")]
    [InlineData("{\"base64Data\":\"AAAA\"}", "uploadPath")]
    [InlineData("{\"base64Data\":\"not base64!\",\"uploadPath\":\"p\"}", "base64")]
    public async Task A_base64_upload_without_data_or_path_or_with_bad_data_is_422(string body, string named)
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.CallAsync(HttpMethod.Post, "api/file-base64-upload", body);
        Assert.False(answer.GetProperty("success").GetBoolean());
        Assert.Equal(422, answer.GetProperty("code").GetInt32());
        Assert.Contains(named, answer.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_is_400()
    {
        await using var emu = await EmulatorHarness.StartAsync();
        var answer = await emu.CallAsync(HttpMethod.Post, "api/file-stream-upload", "{}");
        Assert.Equal(400, answer.GetProperty("code").GetInt32());
    }
}
