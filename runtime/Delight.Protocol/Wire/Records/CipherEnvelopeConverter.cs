using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Records;

/// <summary>Reads the three envelope shapes by their JSON shape; the spec's error texts for the rest.</summary>
internal sealed class CipherEnvelopeConverter : JsonConverter<CipherEnvelope>
{
    public override CipherEnvelope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var node = JsonNode.Parse(ref reader);
        return FromNode(node, "");
    }

    private static CipherEnvelope FromNode(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return text.Length == 0 ? throw new WireJsonException("empty ciphertext", path) : new CipherText(text);
            case JsonObject obj when obj.TryGetPropertyValue("c", out var c):
                if (c is not JsonValue cv || cv.GetValueKind() != JsonValueKind.String)
                {
                    throw new WireJsonException("'c' must be a string", path + ".c");
                }

                var cipher = cv.GetValue<string>();
                if (cipher.Length == 0)
                {
                    throw new WireJsonException("empty ciphertext", path + ".c");
                }

                var result = new CipherObject(cipher);
                if (obj.TryGetPropertyValue("t", out var t))
                {
                    if (t is not null && (t is not JsonValue tv || tv.GetValueKind() != JsonValueKind.String))
                    {
                        throw new WireJsonException("'t' must be a string", path + ".t");
                    }

                    result = result with { T = new Optional<string>(t?.GetValue<string>()) };
                }

                return result;
            case JsonObject obj when obj.TryGetPropertyValue("content", out var inner) && inner is not null:
                return new CipherWrapper(FromNode(inner, path + ".content"));
            case JsonObject:
                throw new WireJsonException("unsupported ciphertext envelope: an object needs 'c' or 'content'", path);
            default:
                throw new WireJsonException("wrong type: expected a ciphertext string or envelope object", path);
        }
    }

    public override void Write(Utf8JsonWriter writer, CipherEnvelope value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case CipherText text:
                writer.WriteStringValue(text.Value);
                break;
            case CipherObject obj:
                writer.WriteStartObject();
                if (obj.T.HasValue)
                {
                    if (obj.T.Value is null)
                    {
                        writer.WriteNull("t");
                    }
                    else
                    {
                        writer.WriteString("t", obj.T.Value);
                    }
                }

                writer.WriteString("c", obj.C);
                writer.WriteEndObject();
                break;
            case CipherWrapper wrapper:
                writer.WriteStartObject();
                writer.WritePropertyName("content");
                Write(writer, wrapper.Content, options);
                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"unknown cipher envelope {value?.GetType().Name}");
        }
    }
}
