using System.Collections.Immutable;
using System.Text.Json;

namespace Delight.Sim.Cli.Commands.Bench;

/// <summary>
/// Reads benchmark results from a joined file (<see cref="JoinedBenchmarkResults"/>), from a single BenchmarkDotNet
/// full export, or from a directory of full exports (BenchmarkDotNet's results folder). Anything else is a
/// <see cref="BenchInputException"/>.
/// </summary>
public static class BenchResultsReader
{
    public const string FullExportSuffix = "-report-full.json";

    public static JoinedBenchmarkResults Load(string path, string? hostName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            var exports = ExportFiles(path).Select(ReadExport).ToImmutableArray();
            return FromExports(exports, hostName ?? Environment.MachineName, note: null);
        }

        if (!File.Exists(path))
        {
            throw new BenchInputException(path, "no such file or directory");
        }

        var text = ReadText(path);
        if (LooksJoined(path, text))
        {
            var joined = Deserialize(path, text, BenchJsonContext.Default.JoinedBenchmarkResults);
            if (joined.Format != JoinedBenchmarkResults.CurrentFormat)
            {
                throw new BenchInputException(path, $"unknown format '{joined.Format}' (expected '{JoinedBenchmarkResults.CurrentFormat}')");
            }

            if (joined.Machine is null || joined.Exports.IsDefault)
            {
                throw new BenchInputException(path, "a joined results file needs 'Machine' and 'Exports'");
            }

            foreach (var export in joined.Exports)
            {
                Validate(path, export);
            }

            return joined;
        }

        var single = Deserialize(path, text, BenchJsonContext.Default.BenchmarkExport);
        Validate(path, single);
        return FromExports([single], hostName ?? Environment.MachineName, note: null);
    }

    /// <summary>The full exports in a BenchmarkDotNet results directory, in a stable order.</summary>
    public static IReadOnlyList<string> ExportFiles(string directory)
    {
        var files = Directory.GetFiles(directory, "*" + FullExportSuffix, SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new BenchInputException(directory, $"no BenchmarkDotNet full exports (*{FullExportSuffix}) in this directory");
        }

        return files;
    }

    public static BenchmarkExport ReadExport(string path)
    {
        var export = Deserialize(path, ReadText(path), BenchJsonContext.Default.BenchmarkExport);
        Validate(path, export);
        return export;
    }

    public static JoinedBenchmarkResults FromExports(ImmutableArray<BenchmarkExport> exports, string hostName, string? note) =>
        new(JoinedBenchmarkResults.CurrentFormat,
            new BenchMachine(hostName, note, exports.Select(e => e.HostEnvironmentInfo).FirstOrDefault(h => h is not null)),
            exports);

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BenchInputException(path, $"cannot read: {e.Message}");
        }
    }

    private static bool LooksJoined(string path, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BenchInputException(path, "the top level is not a JSON object");
            }

            return document.RootElement.TryGetProperty("Format", out _);
        }
        catch (JsonException e)
        {
            throw new BenchInputException(path, $"not valid JSON ({e.Message})");
        }
    }

    private static T Deserialize<T>(string path, string text, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info)
    {
        try
        {
            return JsonSerializer.Deserialize(text, info)
                ?? throw new BenchInputException(path, "the file holds JSON null");
        }
        catch (JsonException e)
        {
            throw new BenchInputException(path, $"not a BenchmarkDotNet export ({e.Message})");
        }
    }

    private static void Validate(string path, BenchmarkExport export)
    {
        if (export is null || export.Benchmarks.IsDefault)
        {
            throw new BenchInputException(path, "an export needs a 'Benchmarks' array (is this a BenchmarkDotNet full JSON export?)");
        }

        foreach (var benchmark in export.Benchmarks)
        {
            if (benchmark is null || string.IsNullOrEmpty(benchmark.Type) || string.IsNullOrEmpty(benchmark.Method) || string.IsNullOrEmpty(benchmark.FullName))
            {
                throw new BenchInputException(path, $"a benchmark in '{export.Title}' has no Type, Method or FullName");
            }
        }
    }
}
