using System.CommandLine;
using System.Security;
using System.Text.Json;
using System.Text.Json.Nodes;
using Delight.Protocol.Wire;
using Delight.Protocol.Wire.Ephemerals;
using Delight.Protocol.Wire.Json;
using Delight.Protocol.Wire.Records;
using Delight.Protocol.Wire.Rpc;
using Delight.Protocol.Wire.Socket;
using Delight.Protocol.Wire.Updates;

namespace Delight.Sim.Cli.Commands.Wire;

/// <summary>
/// `delight-sim wire decode [--kind KIND] [--method M] [--event E] FILE|-`: decodes one wire payload, prints its
/// typed form (variant named by its current wire name) and the canonical re-encoding. Exit 0 decoded, 1 not a
/// valid payload (the message names the field or position), 2 the file cannot be opened.
/// </summary>
internal static class WireDecodeCommand
{
    public const int ExitOk = 0;
    public const int ExitInvalid = 1;
    public const int ExitUnreadable = 2;

    private const string Name = "wire decode";

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The payload file, or - for standard input." };
        var kind = new Option<string?>("--kind")
        {
            Description = "Decode as this kind instead of detecting it from the shape (update, message event, ephemeral, record, RPC params).",
        };
        kind.AcceptOnlyFromAmong([.. WireDecodeKinds.All]);
        var method = new Option<string?>("--method")
        {
            Description = "RPC method (<scope>:<name> or just <name>) for rpc-params and rpc-result; inferred from the params' shape when omitted.",
        };
        var eventName = new Option<string?>("--event")
        {
            Description = "Socket event name for --kind event (implies it), e.g. rpc-call, update-state, machine-alive.",
        };
        var command = new Command("decode",
            "Decode a Delight wire payload: print its typed form, naming the variant by its current wire name (legacy " +
            "update-machine prints as update-terminal), and its canonical re-encoding. Exit 0 when it decodes, 1 when it " +
            "is not a valid payload (empty, not UTF-8, truncated, nested deeper than 64, a missing or mistyped field), " +
            "2 when the file cannot be opened.");
        command.Arguments.Add(file);
        command.Options.Add(kind);
        command.Options.Add(method);
        command.Options.Add(eventName);
        command.SetAction(parseResult => RunPath(
            parseResult.GetValue(file)!,
            new WireDecodeRequest(parseResult.GetValue(kind), parseResult.GetValue(method), parseResult.GetValue(eventName)),
            Console.OpenStandardInput,
            Console.Out,
            Console.Error));
        return command;
    }

    /// <summary>Opens <paramref name="path"/> (<c>-</c> = the stream <paramref name="openStdin"/> gives) and decodes it.</summary>
    public static int RunPath(string path, WireDecodeRequest request, Func<Stream> openStdin, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(openStdin);
        ArgumentNullException.ThrowIfNull(error);
        if (path == "-")
        {
            using var stdin = openStdin();
            return Run(stdin, request, output, error);
        }

        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            error.WriteLine($"{Name}: cannot open {path}: {e.Message}");
            return ExitUnreadable;
        }

        using (stream)
        {
            return Run(stream, request, output, error);
        }
    }

    /// <summary>Decodes the payload in <paramref name="input"/>; the in-process core of the command.</summary>
    public static int Run(Stream input, WireDecodeRequest request, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            input.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        catch (IOException e)
        {
            error.WriteLine($"{Name}: cannot read the input: {e.Message}");
            return ExitUnreadable;
        }

        try
        {
            var text = WireCodec.ReadUtf8(bytes);
            var decoded = Decode(text, request);
            output.WriteLine($"kind: {decoded.Kind}");
            output.WriteLine($"variant: {decoded.Variant}");
            output.WriteLine("typed:");
            TypedFormPrinter.Print(decoded.Value, output, indent: 1);
            output.WriteLine($"canonical: {decoded.Canonical}");
            return ExitOk;
        }
        catch (WireFormatException e)
        {
            error.WriteLine($"{Name}: invalid payload: {e.Message}");
            return ExitInvalid;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A payload that trips something we did not foresee is still bad input, not a crash.
            error.WriteLine($"{Name}: invalid payload: {e.Message}");
            return ExitInvalid;
        }
    }

    private sealed record Decoded(string Kind, string Variant, object Value, string Canonical);

    private static Decoded Decode(string text, WireDecodeRequest request)
    {
        var kind = request.EventName is not null ? WireDecodeKinds.Event : request.Kind ?? DetectKind(text);
        switch (kind)
        {
            case WireDecodeKinds.Update:
                var update = WireCodec.DecodeUpdate(text);
                return new(kind, VariantOf(update.Body.T, update.Body), update, WireCodec.EncodeUpdate(update));
            case WireDecodeKinds.UpdateBody:
                var body = WireCodec.DecodeUpdateBody(text);
                return new(kind, VariantOf(body.T, body), body, WireCodec.Encode(body));
            case WireDecodeKinds.Message:
                var message = WireCodec.DecodeSocketEvent(MessageEvent.EventWireName, text);
                return new(kind, MessageEvent.EventWireName, message, WireCodec.EncodeSocketEvent(message));
            case WireDecodeKinds.Content:
                var content = WireCodec.DecodeMessageContent(text);
                return new(kind, VariantOf(content.T, content), content, WireCodec.Encode(content));
            case WireDecodeKinds.Ephemeral:
                var ephemeral = WireCodec.DecodeEphemeral(text);
                return new(kind, VariantOf(ephemeral.Type, ephemeral), ephemeral, WireCodec.EncodeEphemeral(ephemeral));
            case WireDecodeKinds.Record:
                var record = WireCodec.DecodeRecord(text);
                return new(kind, RecordVariant(record), record, WireCodec.EncodeRecord(record));
            case WireDecodeKinds.RpcParams:
                var method = request.Method ?? InferRpcMethod(text);
                var parameters = WireCodec.DecodeRpcParams(method ?? "", text);
                return new(kind, RpcVariant(method, parameters.MethodName, parameters), parameters, WireCodec.EncodeRpcParams(parameters));
            case WireDecodeKinds.RpcResult:
                var result = WireCodec.DecodeRpcResult(request.Method ?? "", text);
                return new(kind, RpcVariant(request.Method, result.MethodName, result), result, WireCodec.EncodeRpcResult(result));
            case WireDecodeKinds.Event:
                var name = request.EventName ?? throw new WireFormatException("--kind event needs --event NAME", "$", null);
                var socketEvent = WireCodec.DecodeSocketEvent(name, text);
                return new(kind, VariantOf(socketEvent.EventName, socketEvent), socketEvent, WireCodec.EncodeSocketEvent(socketEvent));
            case WireDecodeKinds.AgentState:
                return Plain(kind, WireCodec.DecodeAgentState(text));
            case WireDecodeKinds.SessionMetadata:
                return Plain(kind, WireCodec.DecodeSessionMetadata(text));
            case WireDecodeKinds.TerminalMetadata:
                return Plain(kind, WireCodec.DecodeTerminalMetadata(text));
            case WireDecodeKinds.DaemonState:
                return Plain(kind, WireCodec.DecodeDaemonState(text));
            case WireDecodeKinds.Handshake:
                return Plain(kind, WireCodec.DecodeHandshakeAuth(text));
            default:
                throw new WireFormatException($"unknown kind '{kind}'", "$", null);
        }
    }

    private static Decoded Plain<T>(string kind, T value)
        where T : notnull => new(kind, typeof(T).Name, value, WireCodec.Encode(value));

    private static string DetectKind(string text) => WireCodec.Detect(text) switch
    {
        WireKind.Update => WireDecodeKinds.Update,
        WireKind.UpdateBody => WireDecodeKinds.UpdateBody,
        WireKind.Ephemeral => WireDecodeKinds.Ephemeral,
        WireKind.MessageEvent => WireDecodeKinds.Message,
        WireKind.MessageContent => WireDecodeKinds.Content,
        WireKind.Record => WireDecodeKinds.Record,
        _ => WireDecodeKinds.RpcParams,
    };

    private static string VariantOf(string wireName, object value) =>
        value is IUnknownVariant ? $"{wireName} (unknown, kept verbatim)" : wireName;

    private static string RecordVariant(RawRecord record) => record switch
    {
        IUnknownVariant unknown => VariantOf(unknown.WireName, record),
        EventRecord eventRecord => $"{eventRecord.Role}/{eventRecord.Type}",
        ClaudeTranscriptLine line => $"claude-transcript-line ({line.Type})",
        _ => record.Role ?? "",
    };

    private static string RpcVariant(string? requested, string name, object value) =>
        value is IUnknownVariant
            ? string.IsNullOrEmpty(requested)
                ? "unknown method (params fit no catalogue shape; pass --method)"
                : $"{name} (not in the catalogue, kept verbatim)"
            : name;

    /// <summary>
    /// RPC params carry no discriminator; guess the method from the keys. Empty params fit several
    /// methods (abort, stop-daemon, restart-daemon, ping), so they stay unknown without --method.
    /// </summary>
    private static string? InferRpcMethod(string text)
    {
        if (JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = WireJson.MaxDepth }) is not JsonObject obj)
        {
            return null;
        }

        bool Has(string key) => obj.ContainsKey(key);
        if (Has("requestId") || Has("allow"))
        {
            return RpcMethodNames.Permission;
        }

        if (Has("mode"))
        {
            return RpcMethodNames.Switch;
        }

        if (Has("reasoningEffort") || Has("permissionMode") || Has("model"))
        {
            return RpcMethodNames.AgentConfig;
        }

        if (Has("directory"))
        {
            return RpcMethodNames.SpawnSession;
        }

        return null;
    }
}
