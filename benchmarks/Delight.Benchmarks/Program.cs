using Delight.Benchmarks.Infrastructure;

namespace Delight.Benchmarks;

public static class Program
{
    public static int Main(string[] args) => BenchmarkProgram.Run(args, Console.Out);
}
