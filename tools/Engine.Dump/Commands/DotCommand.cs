using Engine.Analysis;
using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using Engine.Dump.Analysis;
using Engine.Dump.Loading;
using Engine.Dump.Rendering;

namespace Engine.Dump.Commands;

/// <summary><c>resdump dot FILE</c>: Graphviz DOT of the forest, optionally rendered to PNG.</summary>
public static class DotCommand
{
    public const string InstallHint = "install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; Fedora: sudo dnf install graphviz; macOS: brew install graphviz; Windows: winget install graphviz) or write DOT with -o and render it elsewhere";

    public static Command Create(DumpEnvironment env)
    {
        var file = FileArgument.Create();
        var filters = new FilterOptions(defaultLimit: 25);
        var png = new Option<string?>("--png") { Description = "Render a PNG with Graphviz's dot to this file." };
        var maxNodes = new Option<int>("--max-nodes") { Description = "Resources drawn in all before the rest are summarized.", DefaultValueFactory = _ => 500 };
        var leftToRight = new Option<bool>("--left-to-right") { Description = "Lay the forest out from left to right (deep forests) instead of top to bottom." };
        var command = new Command("dot", "Write the forest (or a filtered part) as Graphviz DOT, colored by state; identical leaves are one box with a count; a state filter also shows what blocks the matches.") { file, png, maxNodes, leftToRight };
        filters.AddTo(command);
        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(file);
            var index = new SnapshotIndex(SnapshotLoader.Load(path, env));
            filters.WarnIfKindAbsent(parse, index, env.Stderr);
            FilterResult? filter = filters.Filter(parse).Apply(index);
            if (filter is not null && parse.GetValue(filters.State) is not null)
            {
                filter = ForestFilter.WithBlockers(filter, index);
            }

            ForestWalk walk = filters.Walk(parse, index, filter, Math.Max(1, parse.GetValue(maxNodes)), groupIdenticalLeaves: true);
            string? pngPath = parse.GetValue(png);

            var dot = new StringWriter();
            var visitor = new DotVisitor(index, filter, dot, parse.GetValue(leftToRight));
            visitor.Begin($"{ResourceLabel.FileName(path)} — frame {index.Snapshot.Frame}, {ResourceLabel.Plural(index.Count, "resource", "resources")}");
            walk.Run(visitor);
            visitor.End();
            env.Logger.Debug("DOT for {File}: {Shown} of {Resources} resources drawn", path, walk.Shown, index.Count);

            // The DOT goes to standard output (or the -o file) unless only a picture was asked for.
            if (pngPath is null || env.StdoutRedirected)
            {
                env.Stdout.Write(dot.ToString());
            }

            if (pngPath is not null)
            {
                string? scaled = RenderPng(env, dot.ToString(), pngPath);
                TextWriter report = env.StdoutRedirected ? env.Stderr : env.Stdout;
                report.WriteLine($"wrote {pngPath} ({ResourceLabel.Plural(walk.Shown, "resource", "resources")})");
                if (scaled is not null)
                {
                    report.WriteLine($"note: Graphviz scaled the picture down to fit its bitmap size limit ({scaled}); narrow it with --kind, --state, --name, --depth or --max-nodes to keep labels readable");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Renders the PNG; returns Graphviz's scaling notice (e.g. "scaling by 0.42") when it had to shrink it.</summary>
    private static string? RenderPng(DumpEnvironment env, string dot, string pngPath)
    {
        var start = new ProcessStartInfo(env.DotExecutable)
        {
            ArgumentList = { "-Tpng", "-o", pngPath },
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new UsageException($"Graphviz '{env.DotExecutable}' was not found; {InstallHint}");
        }

        using (process)
        {
            Task<string> errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                string first = errors.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
                throw new UsageException($"Graphviz failed with exit code {process.ExitCode}: {first}");
            }

            var scaling = System.Text.RegularExpressions.Regex.Match(errors.Result, @"[Ss]caling by ([0-9.]+)");
            return scaling.Success ? $"scaling by {scaling.Groups[1].Value}" : null;
        }
    }
}
