using System.Runtime.InteropServices;
using Engine.Render.Presentation;

namespace Engine.Tests.Render;

/// <summary>
/// What a window manager does to a client's window, from its own X connection: minimise (unmap, as iconifying does),
/// restore (map) and the close button (a WM_DELETE_WINDOW ClientMessage sent with XSendEvent). Xvfb runs no window
/// manager, so the tests play its part.
/// </summary>
internal sealed unsafe partial class WindowManagerStub : IDisposable
{
    private const string Library = "libX11.so.6";
    private nint _display;

    public WindowManagerStub(string displayName)
    {
        _display = XOpenDisplay(displayName);
        if (_display == 0)
        {
            throw new InvalidOperationException($"cannot open X display {displayName}");
        }
    }

    /// <summary>The top-level window with this title (WM_NAME), or 0 when there is none yet.</summary>
    public nuint FindWindow(string title)
    {
        nuint root = XRootWindow(_display, XDefaultScreen(_display));
        nuint rootReturn, parentReturn;
        nuint* children;
        uint count;
        if (XQueryTree(_display, root, &rootReturn, &parentReturn, &children, &count) == 0)
        {
            return 0;
        }

        try
        {
            for (uint i = 0; i < count; i++)
            {
                byte* name;
                if (XFetchName(_display, children[i], &name) != 0 && name != null)
                {
                    string? text = Marshal.PtrToStringUTF8((nint)name);
                    XFree(name);
                    if (text == title)
                    {
                        return children[i];
                    }
                }
            }

            return 0;
        }
        finally
        {
            if (children != null)
            {
                XFree(children);
            }
        }
    }

    public void Minimise(nuint window)
    {
        XUnmapWindow(_display, window);
        XSync(_display, 0);
    }

    public void Restore(nuint window)
    {
        XMapWindow(_display, window);
        XSync(_display, 0);
    }

    /// <summary>The close button: WM_PROTOCOLS / <paramref name="protocol"/> (WM_DELETE_WINDOW) to the window's owner.</summary>
    public void SendProtocol(nuint window, string protocol = "WM_DELETE_WINDOW")
    {
        var ev = new Xlib.XEvent
        {
            Type = Xlib.ClientMessage,
            ClientWindow = window,
            ClientMessageType = XInternAtom(_display, "WM_PROTOCOLS", 0),
            ClientFormat = 32,
            ClientData0 = (nint)XInternAtom(_display, protocol, 0),
            ClientData1 = 0, // CurrentTime
        };
        if (XSendEvent(_display, window, 0, 0, &ev) == 0)
        {
            throw new InvalidOperationException("XSendEvent failed");
        }

        XSync(_display, 0);
    }

    public void Dispose()
    {
        if (_display != 0)
        {
            XCloseDisplay(_display);
            _display = 0;
        }
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint XOpenDisplay(string? name);

    [LibraryImport(Library)]
    private static partial int XCloseDisplay(nint display);

    [LibraryImport(Library)]
    private static partial int XDefaultScreen(nint display);

    [LibraryImport(Library)]
    private static partial nuint XRootWindow(nint display, int screen);

    [LibraryImport(Library)]
    private static partial int XQueryTree(nint display, nuint window, nuint* root, nuint* parent, nuint** children, uint* count);

    [LibraryImport(Library)]
    private static partial int XFetchName(nint display, nuint window, byte** name);

    [LibraryImport(Library)]
    private static partial int XFree(void* data);

    [LibraryImport(Library)]
    private static partial int XUnmapWindow(nint display, nuint window);

    [LibraryImport(Library)]
    private static partial int XMapWindow(nint display, nuint window);

    [LibraryImport(Library)]
    private static partial int XSync(nint display, int discard);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nuint XInternAtom(nint display, string name, int onlyIfExists);

    [LibraryImport(Library)]
    private static partial int XSendEvent(nint display, nuint window, int propagate, nint eventMask, Xlib.XEvent* ev);
}
