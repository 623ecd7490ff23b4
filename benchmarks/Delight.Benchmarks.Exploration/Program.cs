using Delight.Benchmarks.Infrastructure;

namespace Delight.Benchmarks.Exploration;

public static class Program
{
    public static int Main(string[] args) =>
        BenchmarkProgram.Run(args, Console.Out, typeof(Program).Assembly, BuildKind.Rewritten);
}
