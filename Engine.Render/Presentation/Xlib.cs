using System.Runtime.InteropServices;

namespace Engine.Render.Presentation;

/// <summary>
/// The few Xlib calls a window for presentation needs, from Debian's libX11.so.6. No windowing package is used:
/// one window, resized by the program, read back for screenshots.
/// </summary>
internal static unsafe partial class Xlib
{
    private const string Library = "libX11.so.6";

    public const long StructureNotifyMask = 1L << 17;
    public const long ExposureMask = 1L << 15;
    public const int UnmapNotify = 18;
    public const int MapNotify = 19;
    public const int ConfigureNotify = 22;
    public const int ClientMessage = 33;
    public const int ZPixmap = 2;
    public static readonly nuint AllPlanes = nuint.MaxValue;

    [LibraryImport(Library)]
    public static partial int XInitThreads();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint XOpenDisplay(string? name);

    [LibraryImport(Library)]
    public static partial int XCloseDisplay(nint display);

    [LibraryImport(Library)]
    public static partial int XDefaultScreen(nint display);

    [LibraryImport(Library)]
    public static partial nuint XRootWindow(nint display, int screen);

    [LibraryImport(Library)]
    public static partial nuint XBlackPixel(nint display, int screen);

    [LibraryImport(Library)]
    public static partial nuint XCreateSimpleWindow(nint display, nuint parent, int x, int y, uint width, uint height, uint borderWidth, nuint border, nuint background);

    [LibraryImport(Library)]
    public static partial int XDestroyWindow(nint display, nuint window);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int XStoreName(nint display, nuint window, string name);

    [LibraryImport(Library)]
    public static partial int XSelectInput(nint display, nuint window, nint mask);

    [LibraryImport(Library)]
    public static partial int XMapWindow(nint display, nuint window);

    [LibraryImport(Library)]
    public static partial int XResizeWindow(nint display, nuint window, uint width, uint height);

    [LibraryImport(Library)]
    public static partial int XSync(nint display, int discard);

    [LibraryImport(Library)]
    public static partial int XPending(nint display);

    [LibraryImport(Library)]
    public static partial int XFlush(nint display);

    [LibraryImport(Library)]
    public static partial int XConnectionNumber(nint display);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nuint XInternAtom(nint display, string name, int onlyIfExists);

    [LibraryImport(Library)]
    public static partial int XSetWMProtocols(nint display, nuint window, nuint* protocols, int count);

    [LibraryImport(Library)]
    public static partial int XNextEvent(nint display, XEvent* ev);

    [LibraryImport(Library)]
    public static partial XImage* XGetImage(nint display, nuint drawable, int x, int y, uint width, uint height, nuint planeMask, int format);

    [LibraryImport(Library)]
    public static partial int XDestroyImage(XImage* image);

    /// <summary>
    /// The XEvent union: 24 longs. Read: the window of ConfigureNotify, MapNotify and UnmapNotify (all three start
    /// with type, serial, send_event, display, event, window), the size of ConfigureNotify, and ClientMessage.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    public struct XEvent
    {
        [FieldOffset(0)]
        public int Type;

        // XClientMessageEvent: type, serial, send_event, display, window, message_type, format, data (5 longs).
        [FieldOffset(32)]
        public nuint ClientWindow;

        [FieldOffset(40)]
        public nuint ClientMessageType;

        [FieldOffset(48)]
        public int ClientFormat;

        [FieldOffset(56)]
        public nint ClientData0;

        [FieldOffset(64)]
        public nint ClientData1;

        // XConfigureEvent: type, serial, send_event, display, event, window, x, y, width, height...
        [FieldOffset(40)]
        public nuint ConfigureWindow;

        [FieldOffset(56)]
        public int ConfigureWidth;

        [FieldOffset(60)]
        public int ConfigureHeight;
    }

    /// <summary>The leading fields of Xlib's XImage (the function table that follows is not read).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct XImage
    {
        public int Width;
        public int Height;
        public int XOffset;
        public int Format;
        public byte* Data;
        public int ByteOrder;
        public int BitmapUnit;
        public int BitmapBitOrder;
        public int BitmapPad;
        public int Depth;
        public int BytesPerLine;
        public int BitsPerPixel;
        public nuint RedMask;
        public nuint GreenMask;
        public nuint BlueMask;
    }
}
