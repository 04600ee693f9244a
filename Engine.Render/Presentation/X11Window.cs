namespace Engine.Render.Presentation;

/// <summary>
/// One X11 window to present to, opened through libX11 (under Xvfb in tests and CI). The program resizes it
/// (<see cref="Resize"/>); <see cref="PumpEvents"/> applies the sizes the X server confirms, which is what the
/// swapchain must follow, and notes what the window manager did: the close button (<see cref="CloseRequested"/>,
/// through the WM_DELETE_WINDOW protocol) and minimising (<see cref="Minimised"/>: X window managers iconify a window
/// by unmapping it). <see cref="WaitForEvents"/> blocks, bounded, until the server sends something, so that a
/// minimised program sleeps instead of spinning. <see cref="Capture"/> reads back what the X server shows, so a
/// screenshot proves the presentation path end to end. Owner thread only, like the registry.
/// </summary>
public sealed unsafe class X11Window : IDisposable
{
    private static readonly Lazy<bool> s_threadsInitialised = new(() => Xlib.XInitThreads() != 0);
    private readonly nuint _wmProtocols;
    private readonly nuint _wmDeleteWindow;
    private nint _display;
    private nuint _window;

    private X11Window(nint display, nuint window, uint width, uint height, nuint wmProtocols, nuint wmDeleteWindow)
    {
        _display = display;
        _window = window;
        Width = width;
        Height = height;
        _wmProtocols = wmProtocols;
        _wmDeleteWindow = wmDeleteWindow;
    }

    /// <summary>The Xlib <c>Display*</c>, for vkCreateXlibSurfaceKHR.</summary>
    public nint Display => Live(_display);

    /// <summary>The X window id, for vkCreateXlibSurfaceKHR.</summary>
    public nuint Window => _window != 0 ? _window : throw new ObjectDisposedException(nameof(X11Window));

    /// <summary>The size the X server last confirmed.</summary>
    public uint Width { get; private set; }

    /// <summary>The height the X server last confirmed.</summary>
    public uint Height { get; private set; }

    /// <summary>
    /// True once the window manager has asked the window to close (a WM_DELETE_WINDOW ClientMessage: the close
    /// button); it stays true. The window is still there: the program ends its run and disposes it.
    /// </summary>
    public bool CloseRequested { get; private set; }

    /// <summary>
    /// True while the window is unmapped (an X window manager minimises, iconifies, a window by unmapping it): there
    /// is nothing to present to, and the next map event makes it false again.
    /// </summary>
    public bool Minimised { get; private set; }

    /// <summary>
    /// Opens a window of the given size on <paramref name="displayName"/> (null: <c>$DISPLAY</c>) and waits until the
    /// server has mapped it. Throws <see cref="WindowUnavailableException"/> when no display can be opened.
    /// </summary>
    public static X11Window Open(uint width, uint height, string title, string? displayName = null)
    {
        ValidateSize(width, height);
        nint display;
        try
        {
            _ = s_threadsInitialised.Value; // before any other Xlib call: the Vulkan driver's WSI may use the display too
            display = Xlib.XOpenDisplay(displayName);
        }
        catch (DllNotFoundException e)
        {
            throw new WindowUnavailableException("libX11.so.6 was not found; install libx11-6", e);
        }

        if (display == 0)
        {
            string shown = displayName ?? Environment.GetEnvironmentVariable("DISPLAY") ?? "(DISPLAY is not set)";
            throw new WindowUnavailableException($"cannot open X display {shown}; run under an X server, e.g. xvfb-run -a");
        }

        int screen = Xlib.XDefaultScreen(display);
        nuint black = Xlib.XBlackPixel(display, screen);
        nuint window = Xlib.XCreateSimpleWindow(display, Xlib.XRootWindow(display, screen), 0, 0, width, height, 0, black, black);
        Xlib.XStoreName(display, window, title);
        Xlib.XSelectInput(display, window, (nint)(Xlib.StructureNotifyMask | Xlib.ExposureMask));
        // Without WM_DELETE_WINDOW in WM_PROTOCOLS a window manager's close button kills the connection; with it, the
        // program gets a ClientMessage and tears down in order.
        nuint wmProtocols = Xlib.XInternAtom(display, "WM_PROTOCOLS", 0);
        nuint wmDeleteWindow = Xlib.XInternAtom(display, "WM_DELETE_WINDOW", 0);
        Xlib.XSetWMProtocols(display, window, &wmDeleteWindow, 1);
        Xlib.XMapWindow(display, window);
        Xlib.XSync(display, 0);
        var opened = new X11Window(display, window, width, height, wmProtocols, wmDeleteWindow);
        opened.PumpEvents();
        return opened;
    }

    /// <summary>Asks the X server for a new size; it takes effect when <see cref="PumpEvents"/> sees it confirmed.</summary>
    public void Resize(uint width, uint height)
    {
        ValidateSize(width, height);
        Xlib.XResizeWindow(Display, Window, width, height);
        Xlib.XSync(_display, 0);
    }

    /// <summary>
    /// Reads the queued events; returns true when the confirmed size changed. Also updates <see cref="Minimised"/> and
    /// <see cref="CloseRequested"/>.
    /// </summary>
    public bool PumpEvents()
    {
        nint display = Display;
        bool changed = false;
        Xlib.XEvent ev;
        while (Xlib.XPending(display) > 0)
        {
            Xlib.XNextEvent(display, &ev);
            switch (ev.Type)
            {
                // X never reports a zero size (the protocol forbids it); a non-positive one is ignored all the same.
                case Xlib.ConfigureNotify when ev.ConfigureWindow == _window && ev.ConfigureWidth > 0 && ev.ConfigureHeight > 0
                        && ((uint)ev.ConfigureWidth != Width || (uint)ev.ConfigureHeight != Height):
                    Width = (uint)ev.ConfigureWidth;
                    Height = (uint)ev.ConfigureHeight;
                    changed = true;
                    break;
                case Xlib.UnmapNotify when ev.ConfigureWindow == _window:
                    Minimised = true;
                    break;
                case Xlib.MapNotify when ev.ConfigureWindow == _window:
                    Minimised = false;
                    break;
                case Xlib.ClientMessage when ev.ClientWindow == _window && ev.ClientMessageType == _wmProtocols
                        && ev.ClientFormat == 32 && (nuint)ev.ClientData0 == _wmDeleteWindow:
                    CloseRequested = true;
                    break;
            }
        }

        return changed;
    }

    /// <summary>
    /// Blocks until the X server has sent something or <paramref name="timeoutMilliseconds"/> (0 to 10,000) has
    /// passed, without reading it (call <see cref="PumpEvents"/> next). Returns true when events are waiting. A paused
    /// loop calls this instead of spinning: it sleeps in poll(2) on the connection.
    /// </summary>
    public bool WaitForEvents(int timeoutMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeoutMilliseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeoutMilliseconds, 10_000);
        nint display = Display;
        Xlib.XFlush(display);
        // XPending reads what already reached the socket into Xlib's queue; poll then waits only for what is new.
        if (Xlib.XPending(display) > 0)
        {
            return true;
        }

        var fd = new Poll.PollFd { Fd = Xlib.XConnectionNumber(display), Events = Poll.In };
        return Poll.poll(&fd, 1, timeoutMilliseconds) > 0 && Xlib.XPending(display) > 0;
    }

    /// <summary>What the X server shows in the window now, as RGBA8 rows (alpha 255).</summary>
    public byte[] Capture(out uint width, out uint height)
    {
        if (Minimised)
        {
            // XGetImage of an unmapped window is a BadMatch, which Xlib's default handler turns into exit(1).
            throw new InvalidOperationException("the window is minimised (unmapped): there is nothing on screen to capture");
        }

        width = Width;
        height = Height;
        Xlib.XImage* image = Xlib.XGetImage(Display, Window, 0, 0, width, height, Xlib.AllPlanes, Xlib.ZPixmap);
        if (image == null)
        {
            throw new InvalidOperationException($"XGetImage failed for the {width}x{height} window");
        }

        try
        {
            if (image->BitsPerPixel != 32)
            {
                throw new NotSupportedException($"the X server's visual has {image->BitsPerPixel} bits per pixel; only 32 is read");
            }

            var pixels = new byte[width * height * 4];
            int redShift = Shift(image->RedMask);
            int greenShift = Shift(image->GreenMask);
            int blueShift = Shift(image->BlueMask);
            for (int y = 0; y < height; y++)
            {
                uint* row = (uint*)(image->Data + ((long)y * image->BytesPerLine));
                for (int x = 0; x < width; x++)
                {
                    uint p = row[x];
                    int o = ((y * (int)width) + x) * 4;
                    pixels[o] = (byte)(p >> redShift);
                    pixels[o + 1] = (byte)(p >> greenShift);
                    pixels[o + 2] = (byte)(p >> blueShift);
                    pixels[o + 3] = 255;
                }
            }

            return pixels;
        }
        finally
        {
            Xlib.XDestroyImage(image);
        }
    }

    /// <summary>Destroys the window and closes the display. Destroy the Vulkan surface first.</summary>
    public void Dispose()
    {
        if (_display == 0)
        {
            return;
        }

        Xlib.XDestroyWindow(_display, _window);
        Xlib.XCloseDisplay(_display);
        _display = 0;
        _window = 0;
    }

    private static void ValidateSize(uint width, uint height)
    {
        if (width is 0 or > 16384)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "a window's width must be between 1 and 16384 pixels");
        }

        if (height is 0 or > 16384)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, "a window's height must be between 1 and 16384 pixels");
        }
    }

    private static int Shift(nuint mask) => mask == 0 ? 0 : System.Numerics.BitOperations.TrailingZeroCount((ulong)mask);

    private static nint Live(nint display) => display != 0 ? display : throw new ObjectDisposedException(nameof(X11Window));
}
