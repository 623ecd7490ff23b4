using System.Reflection;
using Delight.Runtime.Actor;

namespace Delight.Benchmarks.Infrastructure;

/// <summary>
/// Keeps each suite on the build it claims to measure: the inbox, loop, crypto and codec suites measure ordinary
/// assemblies; only the exploration suite may run from a Coyote-rewritten build (benchmarks/README.md).
/// </summary>
public static class RewriteGuard
{
    private const string RewritingSignature = "RewritingSignatureAttribute";

    /// <summary>True when the runtime assembly loaded here was rewritten by Coyote.</summary>
    public static bool RuntimeIsRewritten() => IsRewritten(typeof(ActorLoop<,,>).Assembly);

    public static bool IsRewritten(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        try
        {
            return assembly.GetCustomAttributesData().Any(a => a.AttributeType.Name == RewritingSignature);
        }
        catch (FileNotFoundException)
        {
            // The rewriter's attribute lives in Microsoft.Coyote; an ordinary build does not reference it at all.
            return true;
        }
    }

    /// <summary>An error to print when a rewritten build is asked for suites other than exploration, else null.</summary>
    public static string? Check(IReadOnlyList<string> benchmarkDotNetArgs, bool runtimeIsRewritten)
    {
        ArgumentNullException.ThrowIfNull(benchmarkDotNetArgs);
        if (!runtimeIsRewritten)
        {
            return null;
        }

        var filters = benchmarkDotNetArgs.SkipWhile(a => a is not ("--filter" or "-f")).Skip(1).TakeWhile(a => !a.StartsWith('-')).ToList();
        return filters.Count > 0 && filters.All(f => f.Contains("Exploration", StringComparison.OrdinalIgnoreCase))
            ? null
            : "this build is Coyote-rewritten: only the exploration suite may run from it (--filter '*Exploration*'); "
              + "the other suites measure an ordinary build (benchmarks/README.md)";
    }
}
