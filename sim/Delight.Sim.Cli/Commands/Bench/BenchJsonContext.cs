using System.Text.Json.Serialization;

namespace Delight.Sim.Cli.Commands.Bench;

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchmarkExport))]
[JsonSerializable(typeof(JoinedBenchmarkResults))]
[JsonSerializable(typeof(BenchMachine))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
