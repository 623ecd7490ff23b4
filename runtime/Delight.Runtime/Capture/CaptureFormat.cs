using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Delight.Runtime.Session;

namespace Delight.Runtime.Capture;

/// <summary>Constants and JSON settings of the capture format (captures/FORMAT.md).</summary>
public static class CaptureFormat
{
    public const string Name = "delight-capture";

    public const int Version = 1;

    public const string FileExtension = ".jsonl";

    /// <summary>The runtime's own event and command serialization, strict: numbers are numbers, every constructor
    /// parameter is required (null is written, never omitted) and non-nullable members refuse null.</summary>
    public static JsonSerializerOptions Json { get; } = new(SessionJson.Options)
    {
        NumberHandling = JsonNumberHandling.Strict,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(), // the schema exporter needs an explicit resolver
    };

    public static string RuntimeVersion =>
        typeof(CaptureFormat).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
