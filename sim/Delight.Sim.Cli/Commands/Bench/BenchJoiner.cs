using System.Text;
using System.Text.Json;

namespace Delight.Sim.Cli.Commands.Bench;

/// <summary>
/// Joins BenchmarkDotNet's full exports of one run into one <see cref="JoinedBenchmarkResults"/> file. Each export
/// is validated through the typed records, then copied through verbatim (measurements, statistics, everything
/// BenchmarkDotNet wrote), so the joined file loses nothing.
/// </summary>
public static class BenchJoiner
{
    /// <returns>How many exports were joined.</returns>
    public static int Join(string directory, string output, string hostName, string? note)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(output);
        if (!Directory.Exists(directory))
        {
            throw new BenchInputException(directory, "no such directory");
        }

        var files = BenchResultsReader.ExportFiles(directory);
        var exports = files.Select(BenchResultsReader.ReadExport).ToList();
        var machine = new BenchMachine(hostName, note, exports.Select(e => e.HostEnvironmentInfo).FirstOrDefault(h => h is not null));

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("Format", JoinedBenchmarkResults.CurrentFormat);
            writer.WritePropertyName("Machine");
            JsonSerializer.Serialize(writer, machine, BenchJsonContext.Default.BenchMachine);
            writer.WriteStartArray("Exports");
            foreach (var file in files)
            {
                writer.WriteRawValue(File.ReadAllText(file));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var directoryOfOutput = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directoryOfOutput is not null)
        {
            Directory.CreateDirectory(directoryOfOutput);
        }

        File.WriteAllText(output, Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
        return files.Count;
    }
}
