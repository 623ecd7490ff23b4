using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Delight.Protocol.Wire.Json;

/// <summary>Nested (de)serialization inside converters, keeping the full JSON path on errors.</summary>
internal static class WireJsonNesting
{
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) =>
        (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    public static T? ReadNested<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize(ref reader, TypeInfo<T>(options));
        }
        catch (JsonException ex)
        {
            throw WireErrors.Nest(ex);
        }
    }
}
