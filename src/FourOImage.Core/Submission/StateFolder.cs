using System;
using System.IO;
using System.Runtime.InteropServices;

namespace FourOImage.Core.Submission;

/// <summary>
/// Makes the folder of the shared submission state this user's alone. On Windows the temp folder is already per user.
/// On Unix /tmp is shared and the folder's name is predictable, so it is created owner-only (0700), and one that is
/// there already must belong to this user and is narrowed to 0700; one owned by anybody else (who could pause this
/// user's account, or read when it submits) is refused. Uses the .NET runtime's own native shim (System.Native) for
/// mkdir, lstat and chmod, since netstandard2.0 has no API for owners.
/// </summary>
internal static class StateFolder
{
    private const int OwnerOnly = 0x1C0; // 0700
    private const int GroupAndOthers = 0x3F; // 0077
    private const int TypeMask = 0xF000;
    private const int Directory = 0x4000;

    // System.Native's FileStatus begins: int Flags, int Mode, uint Uid, uint Gid, long Size, ... (stable since .NET Core 3.0).
    private const int StatusBufferSize = 256;

    /// <summary>Creates or checks <paramref name="folder"/>; throws <see cref="UnauthorizedAccessException"/> saying why it cannot be used.</summary>
    public static void Prepare(string folder)
    {
        if (Path.DirectorySeparatorChar == '\\')
        {
            System.IO.Directory.CreateDirectory(folder);
            return;
        }

        try
        {
            var parent = Path.GetDirectoryName(folder);
            if (!string.IsNullOrEmpty(parent))
            {
                System.IO.Directory.CreateDirectory(parent);
            }

            // mkdir with 0700 creates it owner-only in one step; an existing one (EEXIST) is checked below.
            _ = Native.MkDir(folder, OwnerOnly);
            var status = new byte[StatusBufferSize];
            if (Native.LStat(folder, status) != 0)
            {
                throw new DirectoryNotFoundException($"the folder '{folder}' could not be created or read");
            }

            var mode = BitConverter.ToInt32(status, 4);
            var owner = BitConverter.ToUInt32(status, 8);
            var me = Native.GetEUid();
            if ((mode & TypeMask) != Directory)
            {
                throw new UnauthorizedAccessException($"'{folder}' is not a folder (a link or a file put there by someone else)");
            }

            if (owner != me)
            {
                throw new UnauthorizedAccessException($"the folder '{folder}' belongs to another user (uid {owner}, not {me})");
            }

            if ((mode & GroupAndOthers) != 0 && Native.ChMod(folder, OwnerOnly) != 0)
            {
                throw new UnauthorizedAccessException($"the folder '{folder}' is open to other users and could not be made owner-only");
            }
        }
        catch (Exception error) when (error is DllNotFoundException || error is EntryPointNotFoundException)
        {
            throw new UnauthorizedAccessException($"the owner of the folder '{folder}' cannot be checked on this runtime", error);
        }
    }

    private static class Native
    {
        private const string Library = "libSystem.Native";

        [DllImport(Library, EntryPoint = "SystemNative_MkDir", SetLastError = true)]
        public static extern int MkDir(string path, int mode);

        [DllImport(Library, EntryPoint = "SystemNative_LStat", SetLastError = true)]
        public static extern int LStat(string path, byte[] status);

        [DllImport(Library, EntryPoint = "SystemNative_ChMod", SetLastError = true)]
        public static extern int ChMod(string path, int mode);

        [DllImport(Library, EntryPoint = "SystemNative_GetEUid")]
        public static extern uint GetEUid();
    }
}
