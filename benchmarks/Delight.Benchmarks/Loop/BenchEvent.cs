namespace Delight.Benchmarks.Loop;

/// <summary>The event posted through the loop suites: a value type, so producing it allocates nothing and every
/// byte the MemoryDiagnoser reports comes from the machinery under test.</summary>
public readonly record struct BenchEvent(int Sequence);

/// <summary>The command the one-command reducer emits.</summary>
public readonly record struct BenchCommand(int Sequence);

/// <summary>The loop's state. Immutable; the no-op reducer hands back the same instance.</summary>
public sealed record BenchState(long Generation);
