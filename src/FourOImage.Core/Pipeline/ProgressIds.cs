using System.Threading;

namespace FourOImage.Core.Pipeline;

/// <summary>
/// Hands each operation its own block of progress activity ids, so two FourOImage cmdlets in one pipeline
/// (New-4oImage | Wait-4oImageTask | Save-4oImage) never overwrite each other's bars.
/// </summary>
public static class ProgressIds
{
    public const int BlockSize = 1000;

    private static int s_next = 0x4F0000;

    /// <summary>The first id of a fresh block: the overall bar; children use the ids after it.</summary>
    public static int NextBlock() => Interlocked.Add(ref s_next, BlockSize) - BlockSize;
}
