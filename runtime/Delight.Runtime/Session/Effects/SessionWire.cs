using System.Text;
using System.Text.Json;

namespace Delight.Runtime.Session;

/// <summary>
/// The session runtime's wire edge (PROTOCOL.md §2-§6): builds the JSON payloads the CLI emits and parses the ones it
/// receives into typed values. Malformed input yields false / a typed <see cref="PersistAck"/>, never an exception.
/// </summary>
public static class SessionWire
{
    public const string MessageEvent = "message";
    public const string SessionAliveEvent = "session-alive";
    public const string UpdateStateEvent = "update-state";
    public const string EphemeralEvent = "ephemeral";
    public const string RpcRegisterEvent = "rpc-register";
    public const string UpdateEvent = "update";
    public const string RpcRequestEvent = "rpc-request";

    /// <summary>Session-scoped RPC method names (§5.3), without the <c>&lt;sid&gt;:</c> prefix.</summary>
    public static IReadOnlyList<string> RpcMethods { get; } = ["switch", "abort", "permission", "agent-config", "agent-capabilities"];

    public static string Message(string sessionId, string? localId, string cipher) => Write(w =>
    {
        w.WriteString("sid", sessionId);
        if (!string.IsNullOrEmpty(localId))
        {
            w.WriteString("localId", localId);
        }

        w.WriteString("message", cipher);
    });

    public static string SessionAlive(string sessionId, long timeMs, bool working) => Write(w =>
    {
        w.WriteString("sid", sessionId);
        w.WriteNumber("time", timeMs);
        w.WriteBoolean("working", working);
    });

    public static string UpdateState(string sessionId, string agentStateJson, long expectedVersion) => Write(w =>
    {
        w.WriteString("sid", sessionId);
        w.WriteString("agentState", agentStateJson);
        w.WriteNumber("expectedVersion", expectedVersion);
    });

    public static string RpcRegister(string method) => Write(w => w.WriteString("method", method));

    /// <summary><c>permission-request</c> ephemeral (§4).</summary>
    public static string PermissionRequest(string sessionId, string requestId, string toolName, string inputJson) => Write(w =>
    {
        w.WriteString("type", "permission-request");
        w.WriteString("id", sessionId);
        w.WriteString("requestId", requestId);
        w.WriteString("toolName", toolName);
        w.WriteString("input", inputJson);
    });

    /// <summary><c>ui.event</c> ephemeral (§4).</summary>
    public static string UiEventEphemeral(string sessionId, EmitUiEvent e) => Write(w =>
    {
        w.WriteString("type", "ui.event");
        WriteUiEventFields(w, sessionId, e);
    });

    /// <summary>The durable twin of <c>ui.event</c> (§6.4), sent encrypted as a message without localId.</summary>
    public static string UiEventRecord(string sessionId, EmitUiEvent e) => Write(w =>
    {
        w.WriteString("role", "event");
        w.WriteString("type", "ui.event");
        WriteUiEventFields(w, sessionId, e);
    });

    /// <summary>Parses an <c>update-state</c> ack (VersionedAck, §2.1).</summary>
    public static PersistAck ParseVersionedAck(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0]; // some Socket.IO clients hand acks over as an argument array
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return new PersistAck(PersistAckKind.Error, 0, "ack is not an object");
            }

            var result = root.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;
            return result switch
            {
                "success" => new PersistAck(PersistAckKind.Success, version, null),
                "version-mismatch" when version > 0 => new PersistAck(PersistAckKind.VersionMismatch, version, null),
                _ => new PersistAck(PersistAckKind.Error, version, $"update-state ack: {result ?? "no result"}"),
            };
        }
        catch (JsonException e)
        {
            return new PersistAck(PersistAckKind.Error, 0, $"malformed ack: {e.Message}");
        }
    }

    /// <summary>An <c>update</c> envelope carrying a <c>new-message</c> for <paramref name="sessionId"/>: its
    /// ciphertext and localId (§3, §6.1).</summary>
    public static bool TryParseNewMessage(string json, string sessionId, out string cipher, out string? localId, out string? messageId) =>
        TryParseNewMessage(json, sessionId, out cipher, out localId, out messageId, out _);

    /// <summary><c>update</c> with body <c>update-session</c> for <paramref name="sessionId"/> carrying
    /// <c>metadata{value, version}</c>: the encrypted value and its version.</summary>
    public static bool TryParseMetadataUpdate(string json, string sessionId, out string cipher, out long version)
    {
        cipher = "";
        version = 0;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object
                || Str(body, "t") != "update-session"
                || Str(body, "id") != sessionId
                || !body.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
                || Str(metadata, "value") is not { Length: > 0 } value
                || !metadata.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out version))
            {
                return false;
            }

            cipher = value;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>As above, with the message's seq (0 when absent).</summary>
    public static bool TryParseNewMessage(string json, string sessionId, out string cipher, out string? localId, out string? messageId, out long seq)
    {
        seq = 0;
        cipher = "";
        localId = null;
        messageId = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object
                || Str(body, "t") != "new-message"
                || Str(body, "sid") != sessionId
                || !body.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            localId = Str(message, "localId");
            messageId = Str(message, "id");
            seq = message.TryGetProperty("seq", out var seqElement) && seqElement.ValueKind == JsonValueKind.Number && seqElement.TryGetInt64(out var n) ? n : 0;
            if (!message.TryGetProperty("content", out var content))
            {
                return false;
            }

            var c = content.ValueKind switch
            {
                JsonValueKind.String => content.GetString(),
                JsonValueKind.Object => Str(content, "c"),
                _ => null,
            };
            if (string.IsNullOrEmpty(c))
            {
                return false;
            }

            cipher = c;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A user text record (§6.2): <c>role=user, content.type=text, text != ""</c>; trailing CR/LF trimmed.</summary>
    public static bool TryParseUserText(ReadOnlySpan<byte> plaintext, out string text, out string? metaJson)
    {
        text = "";
        metaJson = null;
        try
        {
            using var doc = JsonDocument.Parse(plaintext.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "role") != "user"
                || !root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object
                || Str(content, "type") != "text")
            {
                return false;
            }

            var t = (Str(content, "text") ?? "").TrimEnd('\r', '\n');
            if (t.Length == 0)
            {
                return false;
            }

            text = t;
            metaJson = root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object ? meta.GetRawText() : null;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A user text record to send (the CLI's own local messages, tests).</summary>
    public static string UserTextRecord(string text) => Write(w =>
    {
        w.WriteString("role", "user");
        w.WriteStartObject("content");
        w.WriteString("type", "text");
        w.WriteString("text", text);
        w.WriteEndObject();
    });

    /// <summary><c>rpc-request {method, params}</c>.</summary>
    public static bool TryParseRpcRequest(string json, out string method, out string? parameters)
    {
        method = "";
        parameters = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "method") is not { Length: > 0 } m)
            {
                return false;
            }

            method = m;
            parameters = Str(root, "params");
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteUiEventFields(Utf8JsonWriter w, string sessionId, EmitUiEvent e)
    {
        w.WriteString("sessionId", sessionId);
        w.WriteString("eventId", e.EventId);
        w.WriteString("kind", e.UiKind);
        w.WriteString("phase", e.Phase);
        if (!string.IsNullOrEmpty(e.Status))
        {
            w.WriteString("status", e.Status);
        }

        if (!string.IsNullOrEmpty(e.BriefMarkdown))
        {
            w.WriteString("briefMarkdown", e.BriefMarkdown);
        }

        if (!string.IsNullOrEmpty(e.FullMarkdown))
        {
            w.WriteString("fullMarkdown", e.FullMarkdown);
        }

        if (e.AtMs != 0)
        {
            w.WriteNumber("atMs", e.AtMs);
        }
    }
}

public enum PersistAckKind
{
    Success,
    VersionMismatch,
    Error,
}

/// <summary>A parsed <c>update-state</c> ack.</summary>
public sealed record PersistAck(PersistAckKind Kind, long Version, string? Error);
