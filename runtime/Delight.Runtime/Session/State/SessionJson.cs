using System.Text.Json;
using System.Text.Json.Serialization;

namespace Delight.Runtime.Session;

/// <summary>System.Text.Json settings for session states, events and commands (captures, tests). Enums as strings.
/// <see cref="Canonical"/> gives a structural comparison key: two values are structurally equal iff their canonical
/// JSON is equal (records holding immutable collections otherwise compare those by reference).</summary>
public static class SessionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    public static string Canonical<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
