using System.Collections.Immutable;

namespace Delight.Sim.Cli.Commands.Bench;

// Typed records for BenchmarkDotNet's full JSON export (JsonExporter.Full, "*-report-full.json"): only the fields
// the gate reads. Unknown fields are ignored on reading; `bench join` copies each export through verbatim.

/// <summary>One BenchmarkDotNet export: one benchmark class (one suite) of one run.</summary>
public sealed record BenchmarkExport(
    string Title,
    HostEnvironmentInfo? HostEnvironmentInfo,
    ImmutableArray<BenchmarkEntry> Benchmarks);

/// <summary>The machine and runtime a run came from, as BenchmarkDotNet describes it.</summary>
public sealed record HostEnvironmentInfo(
    string? BenchmarkDotNetVersion,
    string? OsVersion,
    string? ProcessorName,
    int? PhysicalProcessorCount,
    int? PhysicalCoreCount,
    int? LogicalCoreCount,
    string? RuntimeVersion,
    string? Architecture,
    string? Configuration);

/// <summary>One benchmark case: a method of a suite with one set of parameters.</summary>
public sealed record BenchmarkEntry(
    string? Namespace,
    string Type,
    string Method,
    string? Parameters,
    string FullName,
    BenchmarkStatistics? Statistics,
    BenchmarkMemory? Memory);

/// <summary>Nanoseconds per operation (OperationsPerInvoke already divided out).</summary>
public sealed record BenchmarkStatistics(int N, double Mean, double Median, double StandardError);

/// <summary>The MemoryDiagnoser's figures.</summary>
public sealed record BenchmarkMemory(long? BytesAllocatedPerOperation, long TotalOperations);
