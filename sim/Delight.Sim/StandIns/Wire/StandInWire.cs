using System.Text.Json;

namespace Delight.Sim.StandIns.Wire;

/// <summary>JSON for the stand-ins' wire records.</summary>
public static class StandInWire
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Parses a record; a malformed payload is a typed error, never a crash of the pump.</summary>
    public static T Read<T>(string json)
        where T : class =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"empty {typeof(T).Name}");
}
