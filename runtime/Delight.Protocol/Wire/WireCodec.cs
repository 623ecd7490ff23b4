using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Delight.Protocol.Wire.Ephemerals;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Records;
using Delight.Protocol.Wire.Rpc;
using Delight.Protocol.Wire.Socket;
using Delight.Protocol.Wire.State;
using Delight.Protocol.Wire.Updates;

namespace Delight.Protocol.Wire;

/// <summary>
/// The single entry point for Delight's wire payloads: decode JSON text into typed records and encode them back.
/// Every Decode method throws <see cref="WireFormatException"/> (never another exception) when the text is not
/// a valid payload of that kind; it names the offending field and its JSON path.
/// </summary>
public static class WireCodec
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = WireJson.MaxDepth };

    // ---------------------------------------------------------------- generic

    /// <summary>Decodes any wire type (including HTTP bodies and arrays such as <c>ImmutableArray&lt;Terminal&gt;</c>); legacy names mapped.</summary>
    public static T Decode<T>(string json) => (T)DecodeAs(typeof(T), ParseObjectOrValue(json));

    /// <summary>Decodes UTF-8 bytes; invalid UTF-8 is a <see cref="WireFormatException"/> naming the byte offset.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> utf8) => Decode<T>(ToText(utf8));

    /// <summary>Encodes any wire type to compact JSON. A union variant is written with its discriminator.</summary>
    public static string Encode<T>(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.Serialize(value, WireJson.Options.GetTypeInfo(EncodingType(value.GetType())));
    }

    /// <summary>Encodes any wire type to a JSON tree (for structural comparison or embedding).</summary>
    public static JsonNode? EncodeToNode<T>(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToNode(value, WireJson.Options.GetTypeInfo(EncodingType(value.GetType())));
    }

    // ---------------------------------------------------------------- updates

    /// <summary>Decodes an <c>update</c> envelope; its body is typed by <c>t</c> (unknown <c>t</c> → <see cref="UnknownUpdateBody"/>).</summary>
    public static UpdateEnvelope DecodeUpdate(string json) => Decode<UpdateEnvelope>(json);

    /// <summary>Encodes an <c>update</c> envelope.</summary>
    public static string EncodeUpdate(UpdateEnvelope update) => Encode(update);

    /// <summary>Decodes a bare update body <c>{t, ...}</c>.</summary>
    public static UpdateBody DecodeUpdateBody(string json) => Decode<UpdateBody>(json);

    // ---------------------------------------------------------------- ephemerals, records, content

    /// <summary>Decodes an <c>ephemeral</c> payload, typed by <c>type</c> (unknown → <see cref="UnknownEphemeral"/>).</summary>
    public static Ephemeral DecodeEphemeral(string json) => Decode<Ephemeral>(json);

    /// <summary>Encodes an ephemeral with its <c>type</c>.</summary>
    public static string EncodeEphemeral(Ephemeral ephemeral) => Encode(ephemeral);

    /// <summary>Decodes a decrypted message plaintext (user text, agent output, ui.event, Claude transcript line).</summary>
    public static RawRecord DecodeRecord(string json) => Decode<RawRecord>(json);

    /// <summary>Encodes a plaintext record (the bytes to encrypt for a <c>message</c>).</summary>
    public static string EncodeRecord(RawRecord record) => Encode(record);

    /// <summary>Decodes stored message content <c>{"t":"encrypted","c":...}</c>; <c>c</c> is required.</summary>
    public static MessageContent DecodeMessageContent(string json) => Decode<MessageContent>(json);

    // ---------------------------------------------------------------- socket events

    /// <summary>
    /// Decodes the payload of socket event <paramref name="eventName"/> (legacy names such as <c>machine-alive</c>
    /// mapped). An event name we do not know gives <see cref="UnknownSocketEvent"/> with the raw JSON.
    /// </summary>
    public static SocketEvent DecodeSocketEvent(string eventName, string json)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        var node = ParseObjectOrValue(json);
        if (!SocketEventCatalog.TryGetPayloadType(eventName, out var type))
        {
            return new UnknownSocketEvent(eventName, RawJson.FromNode(node));
        }

        return (SocketEvent)DecodeAs(type, node);
    }

    /// <summary>Encodes a socket event payload; send it under <see cref="SocketEvent.EventName"/>.</summary>
    public static string EncodeSocketEvent(SocketEvent socketEvent)
    {
        ArgumentNullException.ThrowIfNull(socketEvent);
        return socketEvent is IUnknownVariant unknown ? unknown.Raw.Text : Encode(socketEvent);
    }

    /// <summary>Decodes the CONNECT <c>auth</c> object (legacy <c>machine-scoped</c>/<c>machineId</c> mapped).</summary>
    public static HandshakeAuth DecodeHandshakeAuth(string json) => Decode<HandshakeAuth>(json);

    /// <summary>Decodes the ack of <c>update-state</c>, <c>update-metadata</c>, <c>terminal-update-*</c>.</summary>
    public static VersionedAck DecodeVersionedAck(string json) => Decode<VersionedAck>(json);

    /// <summary>Decodes the ack of <c>rpc-call</c>.</summary>
    public static RpcCallAck DecodeRpcCallAck(string json) => Decode<RpcCallAck>(json);

    // ---------------------------------------------------------------- RPC

    /// <summary>
    /// Decodes plaintext RPC params for <paramref name="method"/> (<c>&lt;scope&gt;:&lt;name&gt;</c> or a bare name).
    /// Methods outside the catalogue give <see cref="UnknownRpcParams"/>. Empty text reads as <c>{}</c>.
    /// Decrypt first when <see cref="RpcParamsText.Classify"/> says the text is opaque.
    /// </summary>
    public static RpcParams DecodeRpcParams(string method, string paramsJson)
    {
        ArgumentNullException.ThrowIfNull(method);
        var name = RpcMethod.Parse(method).Name;
        var node = ParseObjectOrValue(string.IsNullOrEmpty(paramsJson) ? "{}" : paramsJson);
        return RpcCatalog.TryGet(name, out var paramsType, out _)
            ? (RpcParams)DecodeAs(paramsType, node)
            : new UnknownRpcParams(name, RawJson.FromNode(node));
    }

    /// <summary>Encodes RPC params to the JSON text that goes (as a string, maybe after encryption) in <c>params</c>.</summary>
    public static string EncodeRpcParams(RpcParams parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters is IUnknownVariant unknown ? unknown.Raw.Text : Encode(parameters);
    }

    /// <summary>Decodes a plaintext RPC result (the callee's ack value) for <paramref name="method"/>.</summary>
    public static RpcResult DecodeRpcResult(string method, string json)
    {
        ArgumentNullException.ThrowIfNull(method);
        var name = RpcMethod.Parse(method).Name;
        var node = ParseObjectOrValue(json);
        return RpcCatalog.TryGet(name, out _, out var resultType)
            ? (RpcResult)DecodeAs(resultType, node)
            : new UnknownRpcResult(name, RawJson.FromNode(node));
    }

    /// <summary>Decodes the <c>result</c> of an <see cref="RpcCallAck"/> for <paramref name="method"/>.</summary>
    public static RpcResult DecodeRpcResult(string method, RawJson result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return DecodeRpcResult(method, result.Text);
    }

    /// <summary>Encodes an RPC result (the callee's ack value).</summary>
    public static string EncodeRpcResult(RpcResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result is IUnknownVariant unknown ? unknown.Raw.Text : Encode(result);
    }

    // ---------------------------------------------------------------- state blobs

    /// <summary>Decodes the plaintext <c>agentState</c> JSON (the app's <c>tool_name</c>/<c>created_at</c> accepted).</summary>
    public static AgentState DecodeAgentState(string json) => Decode<AgentState>(json);

    /// <summary>Decodes session metadata JSON (legacy keys mapped).</summary>
    public static SessionMetadata DecodeSessionMetadata(string json) => Decode<SessionMetadata>(json);

    /// <summary>Decodes <c>session.metadata</c> as stored on the wire: std base64 of the JSON (not encrypted).</summary>
    public static SessionMetadata DecodeSessionMetadataBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException ex)
        {
            throw new WireFormatException("session metadata is not valid base64", "$", null, innerException: ex);
        }

        return Decode<SessionMetadata>(bytes);
    }

    /// <summary>Encodes session metadata the way it is stored: std base64 of the JSON.</summary>
    public static string EncodeSessionMetadataBase64(SessionMetadata metadata) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Encode(metadata)));

    /// <summary>Decodes terminal metadata plaintext (after AES-GCM decryption with the master secret).</summary>
    public static TerminalMetadata DecodeTerminalMetadata(string json) => Decode<TerminalMetadata>(json);

    /// <summary>Decodes daemon state plaintext (after AES-GCM decryption with the master secret).</summary>
    public static DaemonState DecodeDaemonState(string json) => Decode<DaemonState>(json);

    // ---------------------------------------------------------------- detection

    /// <summary>
    /// Tells the payload kind from its shape: <c>body</c> → update; <c>role</c> (or <c>uuid</c>+<c>type</c>) →
    /// record; <c>type</c> → ephemeral; <c>t</c>+<c>c</c> → message content; <c>t</c> → update body;
    /// <c>message</c>/<c>content</c> without RPC fields → message event; any other object → RPC params.
    /// Throws <see cref="WireFormatException"/> when the text is not a JSON object.
    /// </summary>
    public static WireKind Detect(string json)
    {
        if (ParseObjectOrValue(json) is not JsonObject obj)
        {
            throw new WireFormatException("wrong type: expected a JSON object", "$", null);
        }

        return Detect(obj);
    }

    internal static WireKind Detect(JsonObject obj)
    {
        if (obj["body"] is JsonObject)
        {
            return WireKind.Update;
        }

        if (obj.ContainsKey("role") || (obj.ContainsKey("uuid") && obj.ContainsKey("type")))
        {
            return WireKind.Record;
        }

        if (obj.ContainsKey("type"))
        {
            return WireKind.Ephemeral;
        }

        if (obj.ContainsKey("t"))
        {
            return obj.ContainsKey("c") ? WireKind.MessageContent : WireKind.UpdateBody;
        }

        var rpcFields = obj.ContainsKey("requestId") || obj.ContainsKey("allow");
        if (!rpcFields && (obj.ContainsKey("message") || obj.ContainsKey("content")))
        {
            return WireKind.MessageEvent;
        }

        return WireKind.RpcParams;
    }

    /// <summary>The CLR type decoded for a kind.</summary>
    public static Type TypeOf(WireKind kind) => kind switch
    {
        WireKind.Update => typeof(UpdateEnvelope),
        WireKind.UpdateBody => typeof(UpdateBody),
        WireKind.Ephemeral => typeof(Ephemeral),
        WireKind.MessageEvent => typeof(MessageEvent),
        WireKind.MessageContent => typeof(MessageContent),
        WireKind.Record => typeof(RawRecord),
        WireKind.RpcParams => typeof(RpcParams),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // ---------------------------------------------------------------- plumbing

    /// <summary>Parses text with the depth limit; syntax errors become <see cref="WireFormatException"/> with a position.</summary>
    internal static JsonNode? ParseObjectOrValue(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.AsSpan().Trim().IsEmpty)
        {
            throw new WireFormatException("empty input: expected a JSON value", "$", null);
        }

        try
        {
            return JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw WireErrors.ToWireFormat(ex);
        }
    }

    /// <summary>Decodes a parsed node as <paramref name="type"/>, after mapping legacy keys.</summary>
    internal static object DecodeAs(Type type, JsonNode? node)
    {
        if (node is null)
        {
            throw new WireFormatException("wrong type: expected a JSON object, got null", "$", null);
        }

        if (node is JsonObject obj)
        {
            LegacyNames.NormalizeFields(type, obj);
        }

        try
        {
            return node.Deserialize(WireJson.Options.GetTypeInfo(type))
                ?? throw new WireFormatException("wrong type: got null", "$", null);
        }
        catch (JsonException ex)
        {
            throw WireErrors.ToWireFormat(ex);
        }
    }

    /// <summary>Strict UTF-8 → text (a leading BOM dropped); <see cref="WireFormatException"/> names the first invalid byte.</summary>
    public static string ReadUtf8(ReadOnlySpan<byte> utf8) => ToText(utf8);

    internal static string ToText(ReadOnlySpan<byte> utf8)
    {
        var chars = new char[utf8.Length];
        var status = Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            throw new WireFormatException($"input is not valid UTF-8 (invalid byte at offset {read})", "$", null);
        }

        var text = new string(chars, 0, written);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    /// <summary>
    /// The type whose metadata writes a value: the outermost base carrying a union converter, so a variant is
    /// always written with its discriminators (a <c>ui.event</c> record with both <c>role</c> and <c>type</c>).
    /// </summary>
    internal static Type EncodingType(Type type)
    {
        var chosen = type;
        for (var current = type.BaseType; current is not null && current != typeof(object); current = current.BaseType)
        {
            if (current.IsDefined(typeof(JsonConverterAttribute), inherit: false))
            {
                chosen = current;
            }
        }

        return chosen;
    }
}
