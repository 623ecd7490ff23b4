using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delight.Runtime.Capture;

/// <summary>
/// Reads a capture and checks it against the contract of captures/FORMAT.md. Any problem is a
/// <see cref="CaptureFormatException"/> naming the line (1-based) and the field; nothing is skipped silently.
/// </summary>
public static class CaptureReader
{
    public static CaptureFile ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static CaptureFile Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 0;
        CaptureHeader? header = null;
        var records = ImmutableArray.CreateBuilder<CaptureRecord>();
        long lastIndex = 0;
        long lastAt = long.MinValue;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var node = ParseObject(line, lineNumber);
            if (header is null)
            {
                header = ReadHeader(node, lineNumber);
                continue;
            }

            var record = ReadRecord(node, lineNumber);
            if (record.Index <= lastIndex)
            {
                throw new CaptureFormatException(lineNumber, "index", $"must increase (was {lastIndex}, now {record.Index})");
            }

            if (record.AtMs < lastAt)
            {
                throw new CaptureFormatException(lineNumber, "atMs", $"must not decrease (was {lastAt}, now {record.AtMs})");
            }

            lastIndex = record.Index;
            lastAt = record.AtMs;
            records.Add(record);
        }

        if (header is null)
        {
            throw new CaptureFormatException(Math.Max(lineNumber, 1), "(header)", "the capture is empty: the first line must be the header");
        }

        return new CaptureFile(header, records.ToImmutable());
    }

    private static JsonObject ParseObject(string line, int lineNumber)
    {
        try
        {
            return JsonNode.Parse(line, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw new CaptureFormatException(lineNumber, "(line)", "must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new CaptureFormatException(lineNumber, "(line)", $"not JSON: {e.Message}");
        }
    }

    private static CaptureHeader ReadHeader(JsonObject node, int lineNumber)
    {
        var format = RequireString(node, "format", lineNumber);
        if (format != CaptureFormat.Name)
        {
            throw new CaptureFormatException(lineNumber, "format", $"expected \"{CaptureFormat.Name}\", got \"{format}\"");
        }

        var version = RequireNumber(node, "formatVersion", lineNumber);
        if (version != CaptureFormat.Version)
        {
            throw new CaptureFormatException(lineNumber, "formatVersion", $"this reader understands version {CaptureFormat.Version}, not {version}");
        }

        RequireString(node, "runtimeVersion", lineNumber);
        RequireString(node, "producer", lineNumber);
        RequireNumber(node, "startUnixMs", lineNumber);
        RequireNumber(node, "clockOriginMs", lineNumber);
        Require(node, "initial", lineNumber);
        return Deserialize<CaptureHeader>(node, lineNumber);
    }

    private static CaptureRecord ReadRecord(JsonObject node, int lineNumber)
    {
        RequireNumber(node, "index", lineNumber);
        RequireNumber(node, "atMs", lineNumber);
        var dir = RequireString(node, "dir", lineNumber);
        var source = RequireString(node, "source", lineNumber);
        if (source.Length == 0)
        {
            throw new CaptureFormatException(lineNumber, "source", "must not be empty");
        }

        switch (dir)
        {
            case "in":
                RequireKind(node, "event", lineNumber);
                if (node["command"] is not null)
                {
                    throw new CaptureFormatException(lineNumber, "command", "an input record carries an event, not a command");
                }

                break;
            case "out":
                RequireKind(node, "command", lineNumber);
                if (node["event"] is not null)
                {
                    throw new CaptureFormatException(lineNumber, "event", "an output record carries a command, not an event");
                }

                break;
            default:
                throw new CaptureFormatException(lineNumber, "dir", $"must be \"in\" or \"out\", got \"{dir}\"");
        }

        return Deserialize<CaptureRecord>(node, lineNumber);
    }

    private static void RequireKind(JsonObject node, string field, int lineNumber)
    {
        if (Require(node, field, lineNumber) is not JsonObject payload)
        {
            throw new CaptureFormatException(lineNumber, field, "must be an object");
        }

        if (payload["kind"] is not JsonValue kind || kind.GetValueKind() != JsonValueKind.String)
        {
            throw new CaptureFormatException(lineNumber, $"{field}.kind", "missing or not a string");
        }
    }

    private static JsonNode Require(JsonObject node, string field, int lineNumber) =>
        node[field] ?? throw new CaptureFormatException(lineNumber, field, "missing");

    private static string RequireString(JsonObject node, string field, int lineNumber) =>
        Require(node, field, lineNumber) is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new CaptureFormatException(lineNumber, field, "must be a string");

    private static long RequireNumber(JsonObject node, string field, int lineNumber) =>
        Require(node, field, lineNumber) is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n)
            ? n
            : throw new CaptureFormatException(lineNumber, field, "must be an integer");

    private static T Deserialize<T>(JsonObject node, int lineNumber)
    {
        try
        {
            return node.Deserialize<T>(CaptureFormat.Json)
                ?? throw new CaptureFormatException(lineNumber, "(line)", "null");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "(line)" : e.Path.TrimStart('$', '.');
            throw new CaptureFormatException(lineNumber, field, e.Message.Split(" Path:", 2)[0]);
        }
        catch (NotSupportedException e)
        {
            throw new CaptureFormatException(lineNumber, "(line)", e.Message);
        }
    }
}
