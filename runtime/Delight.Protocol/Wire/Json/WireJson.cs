using System.Text.Encodings.Web;
using System.Text.Json;

namespace Delight.Protocol.Wire.Json;

/// <summary>The serializer options every wire (de)serialization uses: the source-generated context, depth 64.</summary>
public static class WireJson
{
    /// <summary>Deepest nesting accepted on input (objects and arrays), as in the spec.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Options bound to <see cref="WireJsonContext"/>. Relaxed escaping keeps <c>&lt;id&gt;</c> readable; the
    /// spec says never to compare payloads byte-wise across Go and .NET anyway.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(WireJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = WireJsonContext.Default,
            MaxDepth = MaxDepth,
        };
        options.MakeReadOnly();
        return options;
    }
}
