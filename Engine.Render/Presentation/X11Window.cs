namespace Engine.Render.Presentation;

/// <summary>
/// One X11 window to present to, opened through libX11 (under Xvfb in tests and CI). The program resizes it
/// (<see cref="Resize"/>); <see cref="PumpEvents"/> applies the sizes the X server confirms, which is what the
/// swapchain must follow. <see cref="Capture"/> reads back what the X server shows, so a screenshot proves the
/// presentation path end to end. Owner thread only, like the registry.
/// </summary>
public sealed unsafe class X11Window : IDisposable
{
    private static readonly Lazy<bool> s_threadsInitialised = new(() => Xlib.XInitThreads() != 0);
    private nint _display;
    private nuint _window;

    private X11Window(nint display, nuint window, uint width, uint height)
    {
        _display = display;
        _window = window;
        Width = width;
        Height = height;
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
        Xlib.XMapWindow(display, window);
        Xlib.XSync(display, 0);
        var opened = new X11Window(display, window, width, height);
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

    /// <summary>Reads the queued events; returns true when the confirmed size changed.</summary>
    public bool PumpEvents()
    {
        nint display = Display;
        bool changed = false;
        Xlib.XEvent ev;
        while (Xlib.XPending(display) > 0)
        {
            Xlib.XNextEvent(display, &ev);
            if (ev.Type == Xlib.ConfigureNotify && ev.ConfigureWindow == _window && ev.ConfigureWidth > 0 && ev.ConfigureHeight > 0
                && ((uint)ev.ConfigureWidth != Width || (uint)ev.ConfigureHeight != Height))
            {
                Width = (uint)ev.ConfigureWidth;
                Height = (uint)ev.ConfigureHeight;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>What the X server shows in the window now, as RGBA8 rows (alpha 255).</summary>
    public byte[] Capture(out uint width, out uint height)
    {
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
