namespace Engine.Render.Presentation;

/// <summary>No X display could be opened (no <c>DISPLAY</c>, no X server, or libX11 missing).</summary>
public sealed class WindowUnavailableException : Exception
{
    /// <summary>
    /// Creates the exception; <paramref name="inner"/> is the underlying failure (e.g. libX11 not found), if any.
    /// </summary>
    public WindowUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
