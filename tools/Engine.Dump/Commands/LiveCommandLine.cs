using Engine.Dump.Rendering;

namespace Engine.Dump.Commands;

/// <summary>The start of the live commands' command lines (<c>attach</c>, <c>watch</c>): help, and the inspector's URL.</summary>
internal static class LiveCommandLine
{
    /// <summary>
    /// The inspector URL of <c>resdump COMMAND URL …</c>; null when the command is done already: <c>--help</c> printed
    /// the usage (exit 0), or the URL is missing or not http://, or the token file cannot be read (one line on stderr,
    /// exit 2).
    /// </summary>
    public static InspectorTarget? ParseTarget(string[] args, DumpEnvironment env, string usage, out int exit)
    {
        exit = ExitCodes.Success;
        if (args.Length < 2 || args[1] is "--help" or "-h")
        {
            (args.Length < 2 ? env.Stderr : env.Stdout).WriteLine(usage);
            exit = args.Length < 2 ? ExitCodes.BadInput : ExitCodes.Success;
            return null;
        }

        if (!Uri.TryCreate(args[1], UriKind.Absolute, out Uri? url) || url.Scheme != Uri.UriSchemeHttp)
        {
            env.Stderr.WriteLine($"resdump: {args[0]}: '{ResourceLabel.Text(args[1])}' is not an http:// URL; give the inspector's start line (see 'resdump {args[0]} --help')");
            exit = ExitCodes.BadInput;
            return null;
        }

        if (InspectorTarget.From(url, env, out string? error) is not { } target)
        {
            env.Stderr.WriteLine($"resdump: {args[0]}: {error}");
            exit = ExitCodes.BadInput;
            return null;
        }

        return target;
    }
}
