using System.Runtime.InteropServices;

namespace Engine.Render.Presentation;

/// <summary>poll(2) from libc: how a minimised window's loop sleeps until the X server has something to say.</summary>
internal static unsafe partial class Poll
{
    public const short In = 0x001;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
