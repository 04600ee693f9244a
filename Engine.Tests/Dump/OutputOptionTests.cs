namespace Engine.Tests.Dump;

/// <summary><c>-o FILE</c> on every command: the output goes to the file, whole, and a failure loses nothing.</summary>
public sealed class OutputOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("resdump-output-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "tree", "GOLDEN" }, new[] { "stats", "GOLDEN" }, new[] { "blocked", "GOLDEN" }, new[] { "diff", "BEFORE", "GOLDEN" },
        new[] { "dot", "GOLDEN" }, new[] { "json", "GOLDEN" }, new[] { "validate", "GOLDEN" }, new[] { "leaks", "BEFORE", "GOLDEN" },
    };

    private static string[] Resolve(string[] args) =>
        [.. args.Select(a => a switch { "GOLDEN" => GoldenFiles.Path("blocked.ressnap"), "BEFORE" => GoldenFiles.Path("before.ressnap"), _ => a })];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Output_goes_to_the_file_exactly_as_it_would_to_stdout(string[] args)
    {
        string file = Path.Combine(_dir, args[0] + ".out");
        DumpRun plain = DumpRunner.Run(Resolve(args));

        DumpRun redirected = DumpRunner.Run([.. Resolve(args), "-o", file]);

        Assert.Equal(plain.ExitCode, redirected.ExitCode);
        Assert.Equal(string.Empty, redirected.Stdout);
        Assert.Equal(plain.Stdout, File.ReadAllText(file));
        Assert.False(File.Exists(file + ".tmp"));
    }

    [Fact]
    public void A_failing_command_leaves_an_existing_file_untouched()
    {
        string file = Path.Combine(_dir, "keep.txt");
        File.WriteAllText(file, "precious");

        DumpRun run = DumpRunner.Run("tree", Path.Combine(_dir, "missing.ressnap"), "-o", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("precious", File.ReadAllText(file));
        Assert.False(File.Exists(file + ".tmp"));
    }
}
