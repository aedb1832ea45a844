using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FourOImage.Core.Pipeline;
using Xunit;

namespace FourOImage.Core.Tests.Progress;

/// <summary>Save-4oImage's bar counts files and bytes, moves with the bytes of a file in download, and leaves nothing behind.</summary>
public sealed class SaveProgressTests
{
    [Fact]
    public void Files_and_bytes_with_a_fraction_that_counts_the_bytes_of_files_in_download()
    {
        var sink = new ProgressSink();
        using var progress = new SaveProgress(sink);
        progress.Expect(2);
        progress.Receiving("/out/a.png", 50, 100);
        Assert.Equal("0 of 2 files so far, 50 B, 1 downloading", progress.Snapshot().StatusDescription);
        progress.InputEnded();
        ProgressUpdate downloading = progress.Snapshot();
        Assert.Equal("Saving 4o images", downloading.Activity);
        Assert.Equal("0 of 2 files, 50 B, 1 downloading", downloading.StatusDescription);
        Assert.Equal(25, downloading.PercentComplete);

        progress.Saved("/out/a.png", 2048);
        progress.Receiving("/out/b.png", 512, null);
        Assert.Equal("1 of 2 files, 2 KB, 1 downloading", progress.Snapshot().StatusDescription);
        Assert.Equal(50, progress.Snapshot().PercentComplete);

        progress.NotSaved("/out/b.png");
        ProgressUpdate ended = progress.Snapshot();
        Assert.Equal("1 of 2 files, 2 KB, 1 not saved", ended.StatusDescription);
        Assert.Equal(100, ended.PercentComplete);
    }

    [Fact]
    public void A_drawn_bar_is_completed_once_and_nothing_is_drawn_after()
    {
        var sink = new ProgressSink();
        using var progress = new SaveProgress(sink);
        progress.Expect(1);
        progress.Draw();
        progress.Complete();
        progress.Saved("/out/late.png", 1);
        progress.Draw();
        progress.Complete();

        Assert.Equal(2, sink.Updates.Count);
        Assert.False(sink.Updates[0].Completed);
        Assert.True(sink.Updates[1].Completed);
    }

    [Fact]
    public void A_bar_never_drawn_is_not_completed_either()
    {
        var sink = new ProgressSink();
        using var progress = new SaveProgress(sink);
        progress.Complete();
        Assert.Empty(sink.Updates);
    }

    private sealed class ProgressSink : IPipelineSink
    {
        public List<ProgressUpdate> Updates { get; } = new();

        public void WriteObject(object item) { }

        public void WriteError(PipelineError error) { }

        public void WriteWarning(string text) { }

        public void WriteVerbose(string text) { }

        public void WriteDebug(string text) { }

        public void WriteProgress(ProgressUpdate update)
        {
            lock (Updates)
            {
                Updates.Add(update);
            }
        }

        public Task<bool> ShouldProcessAsync(string target, string action, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
