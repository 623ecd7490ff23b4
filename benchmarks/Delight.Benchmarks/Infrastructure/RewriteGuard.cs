using System.Reflection;
using Delight.Runtime.Actor;

namespace Delight.Benchmarks.Infrastructure;

/// <summary>
/// Keeps each suite on the build it claims to measure: the inbox, loop, crypto and codec suites (Delight.Benchmarks)
/// measure ordinary assemblies; the exploration suite (Delight.Benchmarks.Exploration) measures rewritten ones.
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

    /// <summary>An error to print when the loaded runtime is not the build <paramref name="expected"/>, else null.</summary>
    public static string? Check(BuildKind expected, bool runtimeIsRewritten) => (expected, runtimeIsRewritten) switch
    {
        (BuildKind.Ordinary, true) =>
            "this build is Coyote-rewritten: the inbox, loop, crypto and codec suites measure an ordinary build "
            + "(do not build Delight.Benchmarks with CoyoteRewrite; benchmarks/README.md)",
        (BuildKind.Rewritten, false) =>
            "the exploration suite must measure Coyote-rewritten assemblies, and these are not "
            + "(build benchmarks/Delight.Benchmarks.Exploration with dotnet build, which rewrites its output)",
        _ => null,
    };
}
