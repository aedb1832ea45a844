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
        catch (IOException error) when (IsHeldByAnother(error))
        {
            throw new FourOImageException(
                $"The journal '{journalPath}' is in use by another run (it holds '{path}'). Wait for that run to end, or use another journal.",
                error);
        }
        catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
        {
            throw CannotWrite(journalPath, path, error);
        }
    }

    /// <summary>The journal cannot be written at all: says where and why (denied, read-only, full disk...).</summary>
    public static FourOImageException CannotWrite(string journalPath, string failedPath, Exception error)
    {
        var why = error is UnauthorizedAccessException
            ? $"access to '{failedPath}' is denied (a read-only folder, or one this user may not write to)"
            : $"'{failedPath}' cannot be written ({error.Message.TrimEnd('.')})";
        return new FourOImageException($"The journal '{journalPath}' cannot be written: {why}. Give a journal path in a folder you can write to.", error);
    }

    // Windows: ERROR_SHARING_VIOLATION (32) or ERROR_LOCK_VIOLATION (33); Unix: the flock was refused (EWOULDBLOCK, 11).
    private static bool IsHeldByAnother(IOException error)
    {
        var code = error.HResult & 0xFFFF;
        return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? code == 32 || code == 33 : error.HResult == 11;
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
