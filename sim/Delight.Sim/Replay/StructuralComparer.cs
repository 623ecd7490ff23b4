using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Runtime.Capture.Sanitizing;

namespace Delight.Sim.Replay;

/// <summary>
/// Compares a recorded value with a replayed one as JSON trees. Strings holding JSON are compared as trees too.
/// A sanitizer placeholder in the recording matches any replayed value, but consistently: once a placeholder is bound
/// to a value, it matches only that value for the rest of the replay (so equality relations survive sanitizing).
/// </summary>
public sealed class StructuralComparer
{
    private readonly Dictionary<string, string> _bindings = new(StringComparer.Ordinal);

    /// <summary>Returns null when equal, otherwise the JSON path of the first difference.</summary>
    public string? FirstDifference(JsonNode? expected, JsonNode? actual) => Compare(expected, actual, "$");

    private string? Compare(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case null:
                return actual is null ? null : path;
            case JsonObject e:
                if (actual is not JsonObject a)
                {
                    return path;
                }

                foreach (var (name, value) in e)
                {
                    var difference = Compare(value, a[name], $"{path}.{name}");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return a.Any(p => !e.ContainsKey(p.Key) && p.Value is not null) ? $"{path}.{a.First(p => !e.ContainsKey(p.Key)).Key}" : null;
            case JsonArray e:
                if (actual is not JsonArray arr || arr.Count != e.Count)
                {
                    return path;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    var difference = Compare(e[i], arr[i], $"{path}[{i}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValue e when e.GetValueKind() == JsonValueKind.String:
                return CompareStrings(e.GetValue<string>(), actual, path);
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : path;
        }
    }

    private string? CompareStrings(string expected, JsonNode? actual, string path)
    {
        if (actual is not JsonValue a || a.GetValueKind() != JsonValueKind.String)
        {
            return path;
        }

        var got = a.GetValue<string>();
        if (CaptureSanitizer.IsPlaceholder(expected))
        {
            if (_bindings.TryGetValue(expected, out var bound))
            {
                return bound == got ? null : path;
            }

            _bindings[expected] = got;
            return null;
        }

        if (expected == got)
        {
            return null;
        }

        return TryParse(expected) is { } expectedTree && TryParse(got) is { } actualTree
            ? Compare(expectedTree, actualTree, path + "(json)")
            : path;
    }

    private static JsonNode? TryParse(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
