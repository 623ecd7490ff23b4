using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace Delight.Runtime.Capture.Schema;

/// <summary>
/// The JSON Schema of the capture format, generated from the runtime's own types (so it cannot drift from them):
/// one schema for the header line and one for record lines. captures/capture.schema.json is this, checked in; a test
/// fails when they differ.
/// </summary>
public static class CaptureSchema
{
    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
    };

    public static JsonObject Generate()
    {
        var header = JsonSchemaExporter.GetJsonSchemaAsNode(CaptureFormat.Json, typeof(CaptureHeader), ExporterOptions);
        var record = JsonSchemaExporter.GetJsonSchemaAsNode(CaptureFormat.Json, typeof(CaptureRecord), ExporterOptions);
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = $"{CaptureFormat.Name} v{CaptureFormat.Version}",
            ["description"] = "A capture is JSON Lines: the first line matches 'header', every other line matches 'record'. See captures/FORMAT.md.",
            ["header"] = header,
            ["record"] = record,
        };
    }

    public static string GenerateText() =>
        Generate().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>Validates every line of a capture text against the schema; returns problems as "line N: path: ...".</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<string> lines, JsonObject? schema = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        schema ??= Generate();
        var problems = new List<string>();
        var lineNumber = 0;
        var first = true;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException e)
            {
                problems.Add($"line {lineNumber}: not JSON: {e.Message}");
                continue;
            }

            var part = first ? "header" : "record";
            first = false;
            var validator = new JsonSchemaValidator(schema[part]!);
            problems.AddRange(validator.Validate(node).Select(p => $"line {lineNumber}: {p}"));
        }

        return problems;
    }
}
