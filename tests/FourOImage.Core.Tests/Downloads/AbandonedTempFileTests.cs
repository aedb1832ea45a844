using System.IO;
using FourOImage.Core.Downloads;
using Xunit;

namespace FourOImage.Core.Tests.Downloads;

/// <summary>A process killed mid-download leaves its ".partial" file; the next save into the folder removes it.</summary>
public sealed class AbandonedTempFileTests : System.IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fouro-partial-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Temp_files_nobody_writes_are_removed_and_one_being_written_stays()
    {
        var folder = new TargetFolder(directory);
        // Named as temporary files are, and released: they stand for another process's.
        string abandoned = folder.NewTempPath("task_0.png");
        TargetFolder.Release(abandoned);
        File.WriteAllBytes(abandoned, new byte[] { 0x89, 0x50 });
        string live = folder.NewTempPath("task_1.png");
        TargetFolder.Release(live);
        string notOurs = Path.Combine(directory, ".notes.partial");
        File.WriteAllText(notOurs, "keep");
        string image = Path.Combine(directory, "task_2.png");
        File.WriteAllBytes(image, new byte[] { 1 });

        // A writer holds its temp file the way ImageFileWriter does.
        using (var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            folder.RemoveAbandonedTempFiles();
            Assert.False(File.Exists(abandoned));
            Assert.True(File.Exists(live));
        }

        Assert.True(File.Exists(notOurs));
        Assert.True(File.Exists(image));
        folder.RemoveAbandonedTempFiles();
        Assert.False(File.Exists(live));
    }

    [Fact]
    public void A_temp_file_of_this_process_stays_while_nobody_holds_it()
    {
        // Between the download and the rename (the image check, the metadata) the writer no longer holds its file; a
        // second Save-4oImage of the process into the folder (ForEach-Object -Parallel) must not remove it.
        var folder = new TargetFolder(directory);
        string checking = folder.NewTempPath("task_0.png");
        File.WriteAllBytes(checking, new byte[] { 0x89, 0x50 });

        new TargetFolder(directory).RemoveAbandonedTempFiles();
        Assert.True(File.Exists(checking));

        ImageFileWriter.Discard(checking);
        Assert.False(File.Exists(checking));
    }

    [Fact]
    public void A_users_file_named_like_a_temporary_file_is_never_removed()
    {
        var folder = new TargetFolder(directory);
        string users = Path.Combine(directory, ".4f0e8b8c9a2d_0.png.abcdefabcdef.partial");
        File.WriteAllBytes(users, new byte[] { 0x89, 0x50, 0x4E, 0x47 });

        folder.RemoveAbandonedTempFiles();

        Assert.True(File.Exists(users));
    }

    [Fact]
    public void A_template_cannot_name_a_file_the_way_temporary_files_are_named()
    {
        var folder = new TargetFolder(directory);
        string temp = Path.GetFileName(folder.NewTempPath("x_0.png"));
        var error = Assert.Throws<System.ArgumentException>(() => folder.Resolve(temp));
        Assert.Equal("FileNameTemplate", error.ParamName);
        Assert.Contains("temporary", error.Message);
    }
}
