using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Delight.Protocol.Wire.Json;

/// <summary>
/// A JSON value kept verbatim, for the places the spec leaves free-form (tool input, model usage, Claude's own
/// message objects, unknown variants, RPC results before the method is known). Immutable; holds compact text.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson : IEquatable<RawJson>
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = WireJson.MaxDepth };

    private RawJson(string text)
    {
        Text = text;
    }

    /// <summary>Compact JSON text of the value.</summary>
    public string Text { get; }

    /// <summary>Parses and keeps <paramref name="json"/>; throws <see cref="WireFormatException"/> when it is not JSON.</summary>
    public static RawJson Parse(string json)
    {
        try
        {
            var node = JsonNode.Parse(json, documentOptions: ParseOptions);
            return FromNode(node);
        }
        catch (JsonException ex)
        {
            throw WireErrors.ToWireFormat(ex);
        }
    }

    /// <summary>Keeps a parsed node (null = JSON null).</summary>
    public static RawJson FromNode(JsonNode? node) => new(node?.ToJsonString(WireJson.Options) ?? "null");

    /// <summary>A JSON string value.</summary>
    public static RawJson FromString(string value) => new(JsonSerializer.Serialize(value, WireJsonContext.Default.String));

    /// <summary>A fresh mutable copy of the value.</summary>
    public JsonNode? ToNode() => JsonNode.Parse(Text, documentOptions: ParseOptions);

    /// <summary>The kind of the top-level value.</summary>
    public JsonValueKind ValueKind
    {
        get
        {
            using var document = JsonDocument.Parse(Text, ParseOptions);
            return document.RootElement.ValueKind;
        }
    }

    /// <summary>Structural equality (key order and escaping do not matter).</summary>
    public bool Equals(RawJson? other) => other is not null && (Text == other.Text || JsonNode.DeepEquals(ToNode(), other.ToNode()));

    public override bool Equals(object? obj) => Equals(obj as RawJson);

    public override int GetHashCode() => ValueKind.GetHashCode();

    public override string ToString() => Text;

    internal static RawJson FromTrustedText(string text) => new(text);
}

/// <summary>Reads any JSON value into <see cref="RawJson"/> and writes it back unchanged.</summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override bool HandleNull => true;

    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return RawJson.FromTrustedText(Compact(document.RootElement, options));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(value.Text, skipInputValidation: true);
    }

    private static string Compact(JsonElement element, JsonSerializerOptions options)
    {
        // Re-serialise so the kept text is compact and escaped the same way as everything else we write.
        return JsonSerializer.Serialize(element, options.GetTypeInfo(typeof(JsonElement)));
    }
}
