using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delight.Runtime.Capture.Schema;

/// <summary>
/// A validator for the subset of JSON Schema (2020-12) that System.Text.Json's schema exporter produces: type, enum,
/// const, properties, required, additionalProperties, items, anyOf, oneOf and local $ref. Enough to hold every capture
/// to the contract without another dependency. Unknown keywords are ignored, as the specification says.
/// </summary>
public sealed class JsonSchemaValidator
{
    private readonly JsonNode _root;

    public JsonSchemaValidator(JsonNode root) => _root = root ?? throw new ArgumentNullException(nameof(root));

    public IReadOnlyList<string> Validate(JsonNode? instance)
    {
        var problems = new List<string>();
        Check(_root, instance, "$", problems);
        return problems;
    }

    private void Check(JsonNode schema, JsonNode? instance, string path, List<string> problems)
    {
        if (schema is JsonValue boolean && boolean.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (!boolean.GetValue<bool>())
            {
                problems.Add($"{path}: not allowed here");
            }

            return;
        }

        if (schema is not JsonObject s)
        {
            return;
        }

        if (s["$ref"] is JsonValue reference)
        {
            Check(Resolve(reference.GetValue<string>()), instance, path, problems);
        }

        if (s["type"] is { } type && !TypeMatches(type, instance))
        {
            problems.Add($"{path}: expected {type.ToJsonString()}, got {KindOf(instance)}");
            return;
        }

        if (s["const"] is { } constant && !JsonNode.DeepEquals(constant, instance))
        {
            problems.Add($"{path}: expected {constant.ToJsonString()}");
        }

        if (s["enum"] is JsonArray choices && !choices.Any(c => JsonNode.DeepEquals(c, instance)))
        {
            problems.Add($"{path}: {instance?.ToJsonString() ?? "null"} is not one of {choices.ToJsonString()}");
        }

        if (s["anyOf"] is JsonArray anyOf)
        {
            CheckAlternatives(anyOf, instance, path, problems, exactlyOne: false);
        }

        if (s["oneOf"] is JsonArray oneOf)
        {
            CheckAlternatives(oneOf, instance, path, problems, exactlyOne: true);
        }

        if (instance is JsonObject obj)
        {
            CheckObject(s, obj, path, problems);
        }

        if (instance is JsonArray array && s["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(items, array[i], $"{path}[{i}]", problems);
            }
        }
    }

    private void CheckObject(JsonObject schema, JsonObject obj, string path, List<string> problems)
    {
        var properties = schema["properties"] as JsonObject;
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r!.GetValue<string>()))
            {
                if (!obj.ContainsKey(name))
                {
                    problems.Add($"{path}.{name}: required");
                }
            }
        }

        foreach (var (name, value) in obj)
        {
            if (properties?[name] is { } propertySchema)
            {
                Check(propertySchema, value, $"{path}.{name}", problems);
            }
            else if (schema["additionalProperties"] is { } additional)
            {
                Check(additional, value, $"{path}.{name}", problems);
            }
        }
    }

    private void CheckAlternatives(JsonArray alternatives, JsonNode? instance, string path, List<string> problems, bool exactlyOne)
    {
        var matching = 0;
        List<string>? closest = null;
        foreach (var alternative in alternatives)
        {
            var attempt = new List<string>();
            Check(alternative!, instance, path, attempt);
            if (attempt.Count == 0)
            {
                matching++;
            }
            else if (closest is null || attempt.Count < closest.Count)
            {
                closest = attempt;
            }
        }

        if (matching == 0)
        {
            problems.Add($"{path}: matches none of the allowed shapes" + (closest is { Count: > 0 } ? $" (closest: {closest[0]})" : ""));
        }
        else if (exactlyOne && matching > 1)
        {
            problems.Add($"{path}: matches {matching} shapes where exactly one is allowed");
        }
    }

    private JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new NotSupportedException($"only local $ref is supported, not '{reference}'");
        }

        var node = _root;
        foreach (var segment in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[name],
                JsonArray a when int.TryParse(name, out var i) => a[i],
                _ => null,
            } ?? throw new InvalidOperationException($"$ref '{reference}' does not resolve");
        }

        return node;
    }

    private static bool TypeMatches(JsonNode type, JsonNode? instance) => type switch
    {
        JsonArray types => types.Any(t => t is not null && TypeMatches(t, instance)),
        JsonValue single => single.GetValue<string>() switch
        {
            "null" => instance is null,
            "object" => instance is JsonObject,
            "array" => instance is JsonArray,
            "string" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.String,
            "boolean" => instance is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
            "integer" => instance is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out _),
            _ => true,
        },
        _ => true,
    };

    private static string KindOf(JsonNode? instance) => instance switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind().ToString().ToLowerInvariant(),
        _ => "unknown",
    };
}
