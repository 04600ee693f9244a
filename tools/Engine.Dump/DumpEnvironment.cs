using Serilog;
using Spectre.Console;

namespace Engine.Dump;

/// <summary>Where a run writes and what it may assume about the terminal; tests supply their own.</summary>
public sealed class DumpEnvironment
{
    private IAnsiConsole? _console;

    public DumpEnvironment(TextWriter stdout, TextWriter stderr, bool interactive = false, int width = 160)
    {
        Stdout = stdout;
        Stderr = stderr;
        Interactive = interactive;
        Width = width;
    }

    public TextWriter Stdout { get; private set; }

    /// <summary>True when <c>-o FILE</c> sent standard output to a file.</summary>
    public bool StdoutRedirected { get; private set; }

    /// <summary>Sends what commands write to standard output to <paramref name="writer"/> (plain text, no terminal).</summary>
    public void RedirectStdout(TextWriter writer)
    {
        Stdout = writer;
        StdoutRedirected = true;
        _console = null;
    }

    public TextWriter Stderr { get; }

    /// <summary>True when both output streams are terminals: colors and progress indicators are welcome.</summary>
    public bool Interactive { get; }

    public int Width { get; }

    /// <summary>Graphviz executable used by <c>dot --png</c>.</summary>
    public string DotExecutable { get; init; } = Environment.GetEnvironmentVariable("RESDUMP_DOT") ?? "dot";

    /// <summary>Reads an environment variable (<c>RESDUMP_TOKEN</c>, <c>RESDUMP_TOKEN_FILE</c>); tests give their own.</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Replaced by the configured logger once the command line is parsed.</summary>
    public ILogger Logger { get; set; } = Serilog.Core.Logger.None;

    /// <summary>Spectre console over <see cref="Stdout"/>; plain text unless interactive.</summary>
    public IAnsiConsole Console => _console ??= CreateConsole(Stdout, plain: StdoutRedirected);

    public static DumpEnvironment ForProcess()
    {
        bool interactive = !System.Console.IsOutputRedirected && !System.Console.IsErrorRedirected;
        // Piped output has no width; wrapping it at 80 columns would break tree lines apart.
        int width = interactive ? TerminalWidth() : 240;
        return new DumpEnvironment(System.Console.Out, System.Console.Error, interactive, width);
    }

    private static int TerminalWidth()
    {
        try
        {
            return Math.Max(System.Console.WindowWidth, 80);
        }
        catch (IOException)
        {
            return 120; // a terminal that cannot report its size
        }
    }

    /// <summary>A console writing to <paramref name="writer"/>, e.g. stderr for progress.</summary>
    public IAnsiConsole CreateConsole(TextWriter writer, bool plain = false)
    {
        bool terminal = Interactive && !plain;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = Width;
        console.Profile.Capabilities.Unicode = true;
        return console;
    }
}
