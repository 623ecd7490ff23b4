using System.Text.Encodings.Web;
using System.Text.Json;

namespace Delight.Runtime.Relay.Wire;

/// <summary>
/// Parses inbound socket payloads into typed records (the only place raw JSON is inspected) and serializes the
/// outbound records. Parsing never throws: bad input becomes a <see cref="Parsed{T}"/> error.
/// </summary>
public static class RelayWireCodec
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowOutOfOrderMetadataProperties = true,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static string SerializeRpcAck(RpcCallAck ack)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", ack.Ok);
            if (ack.ResultJson is not null)
            {
                writer.WritePropertyName("result");
                writer.WriteRawValue(ack.ResultJson, skipInputValidation: false);
            }

            if (ack.Error is not null)
            {
                writer.WriteString("error", ack.Error);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Parsed<MessagePayload> ParseMessage(string json) => WithObject(json, root =>
    {
        var message = String(root, "message") ?? String(root, "content");
        if (message is null)
        {
            return Parsed<MessagePayload>.Fail("message must be a JSON string");
        }

        return Parsed<MessagePayload>.Success(new MessagePayload(
            NonEmpty(String(root, "sid")) ?? NonEmpty(String(root, "sessionId")), NonEmpty(String(root, "localId")), message));
    });

    public static Parsed<SessionAlivePayload> ParseSessionAlive(string json) => WithObject(json, root =>
    {
        var sid = NonEmpty(String(root, "sid"));
        return sid is null
            ? Parsed<SessionAlivePayload>.Fail("sid is required")
            : Parsed<SessionAlivePayload>.Success(new SessionAlivePayload(sid, Int64(root, "time") ?? 0, Bool(root, "working") ?? false, Int64(root, "turn") ?? 0));
    });

    public static Parsed<TerminalAlivePayload> ParseTerminalAlive(string json) => WithObject(json, root =>
    {
        var id = NonEmpty(String(root, "terminalId"));
        return id is null
            ? Parsed<TerminalAlivePayload>.Fail("terminalId is required")
            : Parsed<TerminalAlivePayload>.Success(new TerminalAlivePayload(id, Int64(root, "time") ?? 0));
    });

    public static Parsed<UpdateMetadataPayload> ParseUpdateMetadata(string json) => WithObject(json, root =>
    {
        var sid = NonEmpty(String(root, "sid"));
        var metadata = NonEmpty(String(root, "metadata"));
        return sid is null || metadata is null
            ? Parsed<UpdateMetadataPayload>.Fail("sid and metadata are required")
            : Parsed<UpdateMetadataPayload>.Success(new UpdateMetadataPayload(sid, metadata, Int64(root, "expectedVersion") ?? 0));
    });

    public static Parsed<UpdateStatePayload> ParseUpdateState(string json) => WithObject(json, root =>
    {
        var sid = NonEmpty(String(root, "sid"));
        return sid is null
            ? Parsed<UpdateStatePayload>.Fail("sid is required")
            : Parsed<UpdateStatePayload>.Success(new UpdateStatePayload(sid, String(root, "agentState"), Int64(root, "expectedVersion") ?? 0));
    });

    public static Parsed<TerminalUpdateMetadataPayload> ParseTerminalUpdateMetadata(string json) => WithObject(json, root =>
    {
        var id = NonEmpty(String(root, "terminalId"));
        var value = NonEmpty(String(root, "metadata"));
        return id is null || value is null
            ? Parsed<TerminalUpdateMetadataPayload>.Fail("Invalid parameters")
            : Parsed<TerminalUpdateMetadataPayload>.Success(new TerminalUpdateMetadataPayload(id, value, Int64(root, "expectedVersion") ?? 0));
    });

    public static Parsed<TerminalUpdateStatePayload> ParseTerminalUpdateState(string json) => WithObject(json, root =>
    {
        var id = NonEmpty(String(root, "terminalId"));
        var value = NonEmpty(String(root, "daemonState"));
        return id is null || value is null
            ? Parsed<TerminalUpdateStatePayload>.Fail("Invalid parameters")
            : Parsed<TerminalUpdateStatePayload>.Success(new TerminalUpdateStatePayload(id, value, Int64(root, "expectedVersion") ?? 0));
    });

    /// <summary><c>rpc-register</c>/<c>rpc-unregister</c>: an empty method is returned as "" so the relay can answer
    /// <c>rpc-error</c>.</summary>
    public static Parsed<RpcMethodPayload> ParseRpcMethod(string json) => WithObject(json, root =>
        Parsed<RpcMethodPayload>.Success(new RpcMethodPayload(String(root, "method") ?? string.Empty)));

    public static Parsed<RpcCallPayload> ParseRpcCall(string json)
    {
        var parsed = WithObject(json, root =>
        {
            if (root.TryGetProperty("params", out var p) && p.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return Parsed<RpcCallPayload>.Fail("Invalid parameters");
            }

            if (root.TryGetProperty("method", out var m) && m.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return Parsed<RpcCallPayload>.Fail("Invalid parameters");
            }

            var method = String(root, "method") ?? string.Empty;
            return method.Length == 0
                ? Parsed<RpcCallPayload>.Fail("Invalid parameters: method is required")
                : Parsed<RpcCallPayload>.Success(new RpcCallPayload(method, String(root, "params") ?? string.Empty));
        });
        return parsed.Ok || parsed.Error!.StartsWith("Invalid parameters", StringComparison.Ordinal)
            ? parsed
            : Parsed<RpcCallPayload>.Fail("Invalid parameters");
    }

    /// <summary>Client <c>ephemeral</c>: any JSON object, kept verbatim (the spec forwards it unchanged).</summary>
    public static Parsed<string> ParseEphemeralObject(string json) => WithObject(json, root =>
        Parsed<string>.Success(root.GetRawText()));

    private static Parsed<T> WithObject<T>(string json, Func<JsonElement, Parsed<T>> read)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Parsed<T>.Fail("empty payload");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? read(document.RootElement)
                : Parsed<T>.Fail("payload must be a JSON object");
        }
        catch (JsonException ex)
        {
            return Parsed<T>.Fail($"payload is not valid JSON: {ex.Message}");
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Int64(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static bool? Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
