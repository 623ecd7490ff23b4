using System.Text.Json.Nodes;

namespace Delight.Sim.Cli.Tests.Bench;

/// <summary>Crafts BenchmarkDotNet full-export JSON (the fields the gate reads plus some it must ignore).</summary>
internal sealed class ExportBuilder(string type, string? parameters = null)
{
    private readonly JsonArray _benchmarks = [];

    public const string Namespace = "Delight.Benchmarks.Loop";

    public ExportBuilder Add(string method, double? meanNanos, long? bytes = 0)
    {
        var entry = new JsonObject
        {
            ["DisplayInfo"] = $"{type}.{method}: Full",
            ["Namespace"] = Namespace,
            ["Type"] = type,
            ["Method"] = method,
            ["MethodTitle"] = method,
            ["Parameters"] = parameters ?? string.Empty,
            ["FullName"] = $"{Namespace}.{type}.{method}",
            ["HardwareIntrinsics"] = "AVX2",
            ["Measurements"] = new JsonArray(new JsonObject { ["IterationMode"] = "Workload", ["Nanoseconds"] = 1.0 }),
        };
        if (meanNanos is { } mean)
        {
            entry["Statistics"] = new JsonObject
            {
                ["N"] = 15,
                ["Mean"] = mean,
                ["Median"] = mean,
                ["StandardError"] = mean / 100,
                ["Kurtosis"] = 2.5,
            };
        }

        entry["Memory"] = new JsonObject
        {
            ["Gen0Collections"] = 0,
            ["TotalOperations"] = 1_000_000,
            ["BytesAllocatedPerOperation"] = bytes,
        };
        _benchmarks.Add(entry);
        return this;
    }

    public JsonObject Build() => new()
    {
        ["Title"] = $"{Namespace}.{type}-20261124-033000",
        ["HostEnvironmentInfo"] = new JsonObject
        {
            ["BenchmarkDotNetVersion"] = "0.15.8",
            ["OsVersion"] = "Linux Debian GNU/Linux 12 (bookworm)",
            ["ProcessorName"] = "Test CPU",
            ["LogicalCoreCount"] = 2,
            ["RuntimeVersion"] = ".NET 10.0.12",
        },
        ["Benchmarks"] = JsonNode.Parse(_benchmarks.ToJsonString()),
    };

    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{Namespace}.{type}-report-full.json");
        File.WriteAllText(path, Build().ToJsonString());
        return path;
    }
}
