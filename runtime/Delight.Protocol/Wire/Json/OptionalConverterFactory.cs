using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delight.Protocol.Wire.Json;

/// <summary>Creates <see cref="OptionalConverter{T}"/> for each <see cref="Optional{T}"/> the context meets.</summary>
public sealed class OptionalConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Optional<T> arguments are the wire types registered in WireJsonContext.")]
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var inner = typeToConvert.GetGenericArguments()[0];
        return (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(inner))!;
    }
}

/// <summary>
/// Reads a present key (null included) as a present Optional; absent keys never reach the converter and stay
/// <c>default</c>. The inner value goes through the context's own metadata so nested errors keep their path.
/// </summary>
public sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
{
    public override bool HandleNull => true;

    public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Optional<T>.Null;
        }

        return new Optional<T>(WireJsonNesting.ReadNested<T>(ref reader, options));
    }

    public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
    {
        if (value.IsNull || value.Value is null)
        {
            writer.WriteNullValue();
            return;
        }

        JsonSerializer.Serialize(writer, value.Value, WireJsonNesting.TypeInfo<T>(options));
    }
}
