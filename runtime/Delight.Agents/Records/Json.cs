using System.Text.Json;

namespace Delight.Agents.Records;

/// <summary>Lenient readers for the parsing edge: a field of the wrong JSON type reads as absent rather than failing
/// the whole line (ENGINES.md §2.3 asks a port to decode leniently).</summary>
internal static class Json
{
    public static bool TryParse(string line, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        document = null!;
        return false;
    }

    public static string? Str(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement? Obj(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static JsonElement? Arr(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value
            : null;

    public static JsonElement? Any(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Undefined
            ? value
            : null;

    public static bool Bool(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>The first non-empty string among the given paths (each path is dot-separated).</summary>
    public static string? FirstString(this JsonElement element, params string[] paths)
    {
        foreach (var path in paths)
        {
            var current = element;
            var found = true;
            foreach (var part in path.Split('.'))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
                {
                    found = false;
                    break;
                }
            }

            if (found && current.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(current.GetString()))
            {
                return current.GetString();
            }
        }

        return null;
    }
}
