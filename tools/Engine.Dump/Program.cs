namespace Engine.Dump;

public static class Program
{
    public static int Main(string[] args) => DumpApp.Run(args, DumpEnvironment.ForProcess());
}
