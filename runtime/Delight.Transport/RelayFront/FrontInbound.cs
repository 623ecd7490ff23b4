using System.Text.Json;

namespace Delight.Transport.RelayFront;

/// <summary>What the Node front tells the bridge, one JSON object per line, discriminated by <c>k</c>.
/// Payloads stay raw JSON text: the relay runtime decodes them with the wire codec.</summary>
internal abstract record FrontInbound
{
    private FrontInbound()
    {
    }

    /// <summary>A client sent CONNECT; the front waits for accept or reject.</summary>
    public sealed record Connect(string SocketId, string AuthJson) : FrontInbound;

    /// <summary>The socket.io server finished connecting an accepted socket.</summary>
    public sealed record Connected(string SocketId) : FrontInbound;

    public sealed record Event(string SocketId, string Name, string DataJson, long? AckId) : FrontInbound;

    public sealed record Disconnect(string SocketId, string Reason) : FrontInbound;

    /// <summary>The outcome of a server-to-client emit with ack.</summary>
    public sealed record EmitAckResult(long Id, bool Ok, string? DataJson, string? Error) : FrontInbound;

    public sealed record Http(long Id, RelayFrontHttpRequest Request) : FrontInbound;

    /// <summary>Parses one line. Returns null, with <paramref name="error"/> set, for anything malformed.</summary>
    public static FrontInbound? Parse(string line, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not an object";
                return null;
            }

            var kind = String(root, "k");
            switch (kind)
            {
                case "connect":
                    return new Connect(Required(root, "sid"), Raw(root, "auth"));
                case "connected":
                    return new Connected(Required(root, "sid"));
                case "event":
                    return new Event(Required(root, "sid"), Required(root, "name"), Raw(root, "data"), Long(root, "ackId"));
                case "disconnect":
                    return new Disconnect(Required(root, "sid"), String(root, "reason") ?? "unknown");
                case "emit-ack-result":
                    var ok = root.TryGetProperty("ok", out var okElement) && okElement.ValueKind == JsonValueKind.True;
                    return new EmitAckResult(Long(root, "id") ?? throw new FormatException("missing id"), ok,
                        ok ? Raw(root, "data") : null, String(root, "error"));
                case "http":
                    return new Http(
                        Long(root, "id") ?? throw new FormatException("missing id"),
                        new RelayFrontHttpRequest(
                            Required(root, "method"),
                            Required(root, "path"),
                            String(root, "query") ?? string.Empty,
                            String(root, "authorization"),
                            String(root, "body") ?? string.Empty));
                default:
                    error = $"unknown kind '{kind}'";
                    return null;
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            error = e.Message;
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Required(JsonElement root, string name) =>
        String(root, name) ?? throw new FormatException($"missing '{name}'");

    private static string Raw(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.GetRawText() : "null";

    private static long? Long(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}
