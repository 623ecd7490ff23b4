using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Delight.Protocol.Wire.Json;

/// <summary>
/// Converter for a union discriminated by a string field (<c>t</c>, <c>type</c>, <c>role</c>). Unlike the
/// built-in polymorphism it accepts the discriminator anywhere in the object, maps legacy names (§12), turns an
/// unrecognised name into an unknown variant holding the raw JSON, and reports a missing discriminator by path.
/// </summary>
internal abstract class WireUnionConverter<TBase> : JsonConverter<TBase>
    where TBase : class
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    private readonly string discriminator;
    private readonly UnionVariant[] variants;
    private readonly Dictionary<string, UnionVariant> byName = new(StringComparer.Ordinal);

    protected WireUnionConverter(string discriminator, params UnionVariant[] variants)
    {
        this.discriminator = discriminator;
        this.variants = variants;
        foreach (var variant in variants)
        {
            byName.Add(variant.WireName, variant);
            foreach (var legacy in variant.LegacyNames)
            {
                byName.Add(legacy, variant);
            }
        }
    }

    /// <summary>The wire names this union knows, current names only.</summary>
    public IEnumerable<string> KnownNames => variants.Select(v => v.WireName);

    /// <summary>Builds the unknown variant for a present but unrecognised discriminator.</summary>
    protected abstract TBase CreateUnknown(string wireName, RawJson raw);

    /// <summary>Decodes an object without the discriminator; null means "that is an error".</summary>
    protected virtual Type? VariantWithoutDiscriminator(JsonObject obj) => null;

    public override TBase? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new WireJsonException($"wrong type: expected an object with a '{discriminator}' field", "");
        }

        var obj = (JsonObject)JsonNode.Parse(ref reader, NodeOptions)!;
        Type variantType;
        if (!obj.TryGetPropertyValue(discriminator, out var tag))
        {
            variantType = VariantWithoutDiscriminator(obj) ?? throw WireErrors.Missing(discriminator);
        }
        else
        {
            if (tag is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                throw WireErrors.MustBe(discriminator, "a string");
            }

            var name = value.GetValue<string>();
            if (!byName.TryGetValue(name, out var variant))
            {
                return CreateUnknown(name, RawJson.FromNode(obj));
            }

            variantType = variant.Type;
        }

        if (!variantType.IsAbstract)
        {
            // A leaf type does not model its own discriminator; drop it so extension data never captures it.
            obj.Remove(discriminator);
        }

        LegacyNames.NormalizeFields(variantType, obj);
        try
        {
            return (TBase?)obj.Deserialize(options.GetTypeInfo(variantType));
        }
        catch (JsonException ex)
        {
            throw WireErrors.Nest(ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value is IUnknownVariant unknown)
        {
            writer.WriteRawValue(unknown.Raw.Text, skipInputValidation: true);
            return;
        }

        var variant = variants.FirstOrDefault(v => v.Type.IsInstanceOfType(value));
        if (variant is null)
        {
            // No variant fits: the value is the discriminator-less shape (e.g. a Claude transcript line).
            JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
            return;
        }

        var body = JsonSerializer.SerializeToNode(value, options.GetTypeInfo(variant.Type)) as JsonObject
            ?? throw new InvalidOperationException($"{variant.Type.Name} did not serialise to an object");
        writer.WriteStartObject();
        writer.WriteString(discriminator, variant.WireName);
        foreach (var (key, child) in body)
        {
            if (key == discriminator)
            {
                continue;
            }

            writer.WritePropertyName(key);
            if (child is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                child.WriteTo(writer, options);
            }
        }

        writer.WriteEndObject();
    }
}
