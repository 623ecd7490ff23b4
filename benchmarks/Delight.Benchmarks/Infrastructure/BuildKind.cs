namespace Delight.Benchmarks.Infrastructure;

/// <summary>Which build a benchmark executable must measure.</summary>
public enum BuildKind
{
    /// <summary>Ordinary assemblies (Delight.Benchmarks: inbox, loop, crypto, codec).</summary>
    Ordinary,

    /// <summary>Coyote-rewritten assemblies (Delight.Benchmarks.Exploration).</summary>
    Rewritten,
}
