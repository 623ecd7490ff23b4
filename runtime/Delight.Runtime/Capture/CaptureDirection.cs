using System.Text.Json.Serialization;

namespace Delight.Runtime.Capture;

/// <summary>Whether a record is an event that entered the inbox or a command the reducer emitted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaptureDirection>))]
public enum CaptureDirection
{
    [JsonStringEnumMemberName("in")]
    In,

    [JsonStringEnumMemberName("out")]
    Out,
}
