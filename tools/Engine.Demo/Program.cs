using System.CommandLine;
using Engine.Render.Presentation;
using Engine.Render.Vulkan;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Engine.Demo;

/// <summary>
/// The engine loop: builds the seed renderer's Vulkan tree in the registry, renders frames offscreen or to a
/// window with transient resources released while in flight, and reports swapchain recreations, validation
/// messages and leaks. Exit codes: 0 clean, 1 validation messages or leaks, 2 bad arguments, 3 no Vulkan (or no
/// X display for --window). Ctrl-C and the window's close button end a run as its last frame does.
/// </summary>
public static class Program
{
    public const int ExitClean = 0;
    public const int ExitDirty = 1;
    public const int ExitUsage = 2;
    public const int ExitNoVulkan = 3;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the demo; the report goes to <paramref name="output"/>, errors to <paramref name="errors"/>, logs to stderr.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        var commandLine = new DemoCommandLine();
        ParseResult parse = commandLine.Parse(args);
        if (parse.Errors.Count == 0 && parse.Action is not null)
        {
            // --help or --version: print, and do nothing else.
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = errors, EnableDefaultExceptionHandler = false });
        }

        DemoOptions? options = commandLine.Read(parse, out string? error);
        if (options is null)
        {
            errors.WriteLine(error);
            errors.WriteLine(commandLine.Usage);
            return ExitUsage;
        }

        // As games do: no blocking full collection while frames run (background ones only), so a frame is never held
        // up by a gen2 pause of everything else in the process (the inspector's garbage included).
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        using Logger logger = CreateLogger(options);
        // Ctrl-C (SIGINT) ends the run after the frame in progress, with the orderly teardown and the full report.
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            DemoReport report = new DemoRun(options, logger, output, interrupt.Token).Execute();
            // Everything is destroyed and logged by now, so these really are the last lines.
            output.WriteLine($"swapchain recreations: {report.SwapchainRecreations}");
            output.WriteLine($"validation: errors={report.Validation.Errors} warnings={report.Validation.Warnings}");
            output.WriteLine($"leaks: {report.Leaks}");
            return report.Clean ? ExitClean : ExitDirty;
        }
        catch (VulkanUnavailableException e)
        {
            errors.WriteLine(e.InstallHint);
            return ExitNoVulkan;
        }
        catch (WindowUnavailableException e)
        {
            errors.WriteLine($"no window: {e.Message}");
            return ExitNoVulkan;
        }
        catch (VulkanException e)
        {
            logger.Error(e, "Vulkan call failed");
            errors.WriteLine(e.Message);
            return ExitDirty;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static Logger CreateLogger(DemoOptions options)
    {
        // Logs go to stderr so that stdout carries only the report.
        LoggerConfiguration config = new LoggerConfiguration()
            .MinimumLevel.Is(options.LogLevel)
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose);
        if (options.LogFile is not null)
        {
            config = config.WriteTo.File(options.LogFile);
        }

        return config.CreateLogger();
    }
}
