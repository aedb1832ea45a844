using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Module.Tests;

/// <summary>New-4oImage -ImagePath/-MaskPath: local files are uploaded first, and a bad file fails only its row.</summary>
public sealed class UploadTests : IClassFixture<EmulatorFixture>, IDisposable
{
    // A valid 1x1 PNG.
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private readonly EmulatorFixture _emulator;
    private readonly string _folder = Directory.CreateTempSubdirectory("fouroimage-upload-").FullName;

    public UploadTests(EmulatorFixture emulator)
    {
        _emulator = emulator;
        _emulator.Server.ClearRequestLog();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Local_files_are_uploaded_and_their_urls_sent_while_a_file_that_is_not_an_image_fails_its_row()
    {
        string image = Path.Combine(_folder, "input.png");
        string mask = Path.Combine(_folder, "mask.png");
        string notAnImage = Path.Combine(_folder, "notes.png");
        File.WriteAllBytes(image, TinyPng);
        File.WriteAllBytes(mask, TinyPng);
        File.WriteAllText(notAnImage, "just text");

        var sink = new RecordingSink();
        var operation = new GenerateOperation(sink, _emulator.Client(), 4, null, CancellationToken.None);
        operation.Submit(new GenerateInput { Prompt = "edit me", ImagePath = new[] { image }, MaskPath = mask });
        operation.Submit(new GenerateInput { Prompt = "not an image", ImagePath = new[] { notAnImage } });
        await operation.CompleteAsync();

        ImageTask task = Assert.Single(sink.OfType<ImageTask>());
        Assert.Equal("edit me", task.Prompt);
        Assert.Equal(2, _emulator.Server.RequestLog.Count(e => e.Endpoint == "upload"));
        Assert.Equal(1, _emulator.Server.RequestLog.Count(e => e.Endpoint == "generate"));

        ImageTask echoed = await _emulator.Client().GetTaskAsync(task.TaskId);
        Assert.Contains("\"filesUrl\"", echoed.ParamJson);
        Assert.Contains("\"maskUrl\"", echoed.ParamJson);

        PipelineError error = Assert.Single(sink.Errors);
        Assert.StartsWith("FourOImage.Upload.", error.ErrorId, StringComparison.Ordinal);
        Assert.Equal(notAnImage, error.TargetObject);
        Assert.Contains(notAnImage, error.Exception.Message);
    }

    [Fact]
    public async Task More_than_five_images_are_refused_before_anything_is_uploaded()
    {
        string[] paths = Enumerable.Range(0, 6).Select(i => Path.Combine(_folder, $"image{i}.png")).ToArray();
        foreach (string path in paths)
        {
            File.WriteAllBytes(path, TinyPng);
        }

        var sink = new RecordingSink();
        var operation = new GenerateOperation(sink, _emulator.Client(), 4, null, CancellationToken.None);
        operation.Submit(new GenerateInput { Prompt = "too many", ImagePath = paths });
        await operation.CompleteAsync();

        PipelineError error = Assert.Single(sink.Errors);
        Assert.Equal("FourOImage.Generate.InvalidArgument", error.ErrorId);
        Assert.StartsWith("-ImagePath takes at most 5 images", error.Exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_emulator.Server.RequestLog, e => e.Endpoint is "upload" or "generate");
    }
}
