using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Delight.Runtime.Capture.Sanitizing;

/// <summary>
/// Strips secrets from a capture by allowlist (<see cref="FieldPolicy"/>): every string is redacted unless its field
/// is known vocabulary; ids become pseudonyms. Replacements are stable within one capture (the same value always gets
/// the same placeholder, numbered in order of first appearance), so structure and equality survive and replay still
/// matches. Strings that hold JSON (records, tool input) are sanitized inside and re-serialized. Values that already
/// are placeholders or pseudonyms are left alone, so sanitizing twice changes nothing.
/// </summary>
public sealed partial class CaptureSanitizer
{
    private readonly Dictionary<(string Kind, string Value), string> _replacements = [];
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    /// <summary>How many distinct values of each kind were replaced (written into the capture header).</summary>
    public IReadOnlyDictionary<string, int> Counters => _counters;

    [GeneratedRegex(@"^redacted:[a-z]+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"^[a-z]+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PseudonymPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VocabularyPattern();

    /// <summary>Sanitizes one JSON document (a header or a record line) and returns the sanitized tree.</summary>
    public JsonNode? Sanitize(JsonNode? node) => Visit(node, fieldName: null);

    /// <summary>Sanitizes a whole JSONL capture, line by line. Blank lines are kept out.</summary>
    public IEnumerable<string> SanitizeLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var lineNumber = 0;
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
                throw new CaptureFormatException(lineNumber, "(line)", $"not JSON: {e.Message}");
            }

            yield return Sanitize(node)?.ToJsonString() ?? "null";
        }
    }

    private JsonNode? Visit(JsonNode? node, string? fieldName)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var copy = new JsonObject();
                var keyedBy = FieldPolicy.IsKeyedById(fieldName, out var keyKind) ? keyKind : null;
                foreach (var (name, value) in obj)
                {
                    var key = keyedBy is null ? name : Pseudonymize(keyedBy, name);
                    copy[key] = Visit(value, name);
                }

                return copy;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(Visit(item, fieldName));
                }

                return items;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(SanitizeString(value.GetValue<string>(), fieldName));
            default:
                return node.DeepClone(); // numbers, booleans
        }
    }

    private string SanitizeString(string value, string? fieldName)
    {
        if (value.Length == 0 || PlaceholderPattern().IsMatch(value))
        {
            return value;
        }

        var treatment = FieldPolicy.Classify(fieldName, out var kind);
        if (treatment == FieldTreatment.Pseudonym)
        {
            return Pseudonymize(kind, value);
        }

        if (treatment == FieldTreatment.Keep)
        {
            // Vocabulary may embed an id (a timer named "permission-timeout:<requestId>"): ids seen so far become
            // their pseudonyms inside it too, so the name still matches the pseudonymized id everywhere else.
            var withPseudonyms = ReplaceKnownIds(value);
            if (withPseudonyms.Length <= FieldPolicy.MaxVocabularyLength && VocabularyPattern().IsMatch(withPseudonyms))
            {
                return withPseudonyms;
            }
        }

        if (TryParseEmbeddedJson(value, out var embedded))
        {
            return Visit(embedded, fieldName)!.ToJsonString();
        }

        return Replace(kind, value, static (k, n) => $"redacted:{k}-{n}");
    }

    private string ReplaceKnownIds(string value)
    {
        foreach (var ((kind, original), pseudonym) in _replacements)
        {
            if (original.Length >= 4 && !kind.Contains(' ', StringComparison.Ordinal) && pseudonym.Length > 0 &&
                !pseudonym.StartsWith("redacted:", StringComparison.Ordinal) && value.Contains(original, StringComparison.Ordinal))
            {
                value = value.Replace(original, pseudonym, StringComparison.Ordinal);
            }
        }

        return value;
    }

    private string Pseudonymize(string kind, string value) =>
        PseudonymPattern().IsMatch(value) && value.StartsWith(kind + "-", StringComparison.Ordinal)
            ? value
            : Replace(kind, value, static (k, n) => $"{k}-{n}");

    /// <summary>True for a value this sanitizer produced as a placeholder.</summary>
    public static bool IsPlaceholder(string value) => PlaceholderPattern().IsMatch(value);

    private string Replace(string kind, string value, Func<string, int, string> format)
    {
        if (_replacements.TryGetValue((kind, value), out var known))
        {
            return known;
        }

        var next = _counters.GetValueOrDefault(kind) + 1;
        _counters[kind] = next;
        var replacement = format(kind, next);
        _replacements[(kind, value)] = replacement;
        return replacement;
    }

    /// <summary>Strings that hold a JSON object or array (records, tool input) are sanitized structurally.</summary>
    private static bool TryParseEmbeddedJson(string value, out JsonNode embedded)
    {
        embedded = null!;
        var trimmed = value.AsSpan().TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return false;
        }

        try
        {
            var parsed = JsonNode.Parse(value);
            if (parsed is JsonObject or JsonArray)
            {
                embedded = parsed;
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: redact it as text.
        }

        return false;
    }
}
