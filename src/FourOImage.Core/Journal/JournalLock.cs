using System;
using System.IO;
using System.Runtime.InteropServices;

namespace FourOImage.Core.Journal;

/// <summary>
/// Makes one process the only writer of a journal: an exclusively opened "&lt;journal&gt;.lock" beside it. The journal
/// itself stays open for readers (Get-4oImageJournal) while it is written. On Unix .NET turns FileShare.None into an
/// advisory flock, which the operating system drops when a process dies, so a killed run never blocks the next one.
/// </summary>
internal sealed class JournalLock : IDisposable
{
    private readonly FileStream stream;
    private readonly string path;

    private JournalLock(FileStream stream, string path)
    {
        this.stream = stream;
        this.path = path;
    }

    public static JournalLock Acquire(string journalPath)
    {
        string path = journalPath + ".lock";

        // Only FileShare.None takes the exclusive flock on Unix; on Windows FileShare.Delete lets Dispose remove the
        // file while still holding it, and still keeps every other opener out.
        FileShare share = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? FileShare.Delete : FileShare.None;
        try
        {
            return new JournalLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share, 1), path);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            throw new FourOImageException(
                $"The journal '{journalPath}' is in use by another run (it holds '{path}'). Wait for that run to end, or use another journal.",
                error);
        }
    }

    // Removed while still held, so no other process can lock the old file in between and think it is alone.
    public void Dispose()
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
        }

        stream.Dispose();
    }
}
