using System;
using System.IO;
using FourOImage.Core.Downloads;
using FourOImage.Core.Tests.Waiting;
using Xunit;

namespace FourOImage.Core.Tests.Downloads;

/// <summary>File names from templates: fields, cleaning, and names that could leave the target folder.</summary>
public class FileNameTemplateTests
{
    private const string Url = "https://tempfile.aiquickdraw.com/s/abc_0_1774788516_2971.png";

    [Fact]
    public void The_default_template_is_task_id_and_0_based_index()
    {
        var task = TaskSnapshots.Succeeded("5fd1b68dbca66cddf73654e72e2094ea");

        var name = FileNameTemplate.Parse(FileNameTemplate.Default).Render(task, 0, Url);

        Assert.Equal("5fd1b68dbca66cddf73654e72e2094ea_0.png", name);
    }

    [Fact]
    public void Every_field_renders_and_field_names_ignore_case()
    {
        var task = TaskSnapshots.Succeeded("t1");
        task.Size = "3:2";
        task.Prompt = "A serene mountain lake at sunset, with reflections!";
        task.CompleteTime = new DateTimeOffset(2026, 3, 29, 23, 30, 0, TimeSpan.FromHours(-5));

        var name = FileNameTemplate.Parse("{date}_{Prompt}_{SIZE}_{TaskId}-{Index}.{Ext}").Render(task, 2, "https://x.example/a/b.webp?sig=1");

        Assert.Equal("20260330_a-serene-mountain-lake-at-sunset-with_3x2_t1-2.webp", name);
    }

    [Fact]
    public void Date_falls_back_to_the_creation_time_and_ext_to_png()
    {
        var task = TaskSnapshots.Succeeded("t1");
        task.CompleteTime = null;
        task.CreateTime = new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("20251231.png", FileNameTemplate.Parse("{Date}.{Ext}").Render(task, 0, "https://x.example/no-extension"));
    }

    [Theory]
    [InlineData("../x", "'/'")]
    [InlineData("..\\x.png", "'\\'")]
    [InlineData("/etc/passwd", "'/'")]
    [InlineData("C:{TaskId}.png", "':'")]
    [InlineData("a{TaskId", "never closed")]
    [InlineData("a}b.png", "'}'")]
    [InlineData("{Name}.png", "{Name} is not a field")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    public void A_template_that_is_a_path_or_malformed_is_refused_naming_the_template(string template, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => FileNameTemplate.Parse(template));

        Assert.Equal("FileNameTemplate", error.ParamName);
        Assert.Contains(reason, error.Message);
        Assert.Contains($"'{template}'", error.Message);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("..")]
    [InlineData("a/../../b")]
    [InlineData("C:\\Windows\\System32")]
    [InlineData("\\\\server\\share")]
    public void Field_values_cannot_carry_path_separators(string hostileTaskId)
    {
        var task = TaskSnapshots.Succeeded(hostileTaskId);

        var name = FileNameTemplate.Parse("{TaskId}_{Index}.png").Render(task, 0, Url);

        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain('\\', name);
        Assert.DoesNotContain(':', name);
        Assert.Equal(name, Path.GetFileName(name));
    }

    [Fact]
    public void A_name_of_dots_only_is_an_error_naming_the_template()
    {
        var task = TaskSnapshots.Succeeded("..");

        var error = Assert.Throws<ArgumentException>(() => FileNameTemplate.Parse("{TaskId}").Render(task, 0, Url));

        Assert.Equal("FileNameTemplate", error.ParamName);
        Assert.Contains("'{TaskId}'", error.Message);
        Assert.Contains("empty file name", error.Message);
    }

    [Theory]
    [InlineData("con", "_con.png")]
    [InlineData("NUL", "_NUL.png")]
    [InlineData("com1", "_com1.png")]
    [InlineData("console", "console.png")]
    public void Reserved_windows_device_names_are_prefixed(string taskId, string expected)
    {
        var task = TaskSnapshots.Succeeded(taskId);

        Assert.Equal(expected, FileNameTemplate.Parse("{TaskId}.png").Render(task, 0, Url));
    }

    [Fact]
    public void Trailing_dots_and_spaces_that_windows_would_drop_are_trimmed()
    {
        var task = TaskSnapshots.Succeeded("t1");

        Assert.Equal("t1", FileNameTemplate.Parse("{TaskId}. . ").Render(task, 0, Url));
    }

    [Fact]
    public void A_name_longer_than_255_bytes_without_a_prompt_is_an_error()
    {
        var task = TaskSnapshots.Succeeded("t1");
        var template = new string('a', 250) + "{TaskId}.png";

        var error = Assert.Throws<ArgumentException>(() => FileNameTemplate.Parse(template).Render(task, 0, Url));

        Assert.Contains("249 bytes", error.Message);
    }

    [Fact]
    public void A_name_past_255_utf8_bytes_is_made_to_fit_by_shortening_the_prompt()
    {
        // 116 ASCII characters and a 40-character Japanese slug: 156 characters, 276 bytes, which ext4 refuses.
        var task = TaskSnapshots.Succeeded("t1");
        task.Prompt = new string('富', 60);
        var template = new string('a', 106) + "_{Prompt}_{Index}.png";

        var name = FileNameTemplate.Parse(template).Render(task, 0, Url);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(name) <= 249, name);
        Assert.StartsWith(new string('a', 106) + "_富", name);
        Assert.EndsWith("富_0.png", name);
    }
}
