using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delight.Agents.JsonRpc;

/// <summary>Receives what the other side sends, one message at a time, in arrival order.</summary>
public interface IJsonRpcHandler
{
    ValueTask OnNotificationAsync(string method, JsonElement parameters, CancellationToken cancellationToken);

    /// <summary>A server-initiated request; the reply is written before the next incoming line is read.</summary>
    ValueTask<JsonRpcReply> OnRequestAsync(string method, JsonElement parameters, CancellationToken cancellationToken);
}

public sealed record JsonRpcError(int Code, string Message);

/// <summary>The answer to a server request: a result or an error.</summary>
public sealed record JsonRpcReply(JsonNode? Result, JsonRpcError? Error)
{
    public static JsonRpcReply Fail(int code, string message) => new(null, new JsonRpcError(code, message));

    public static JsonRpcReply Ok(JsonNode? result) => new(result, null);
}

public sealed class JsonRpcErrorException : Exception
{
    public JsonRpcErrorException()
    {
    }

    public JsonRpcErrorException(string message)
        : base(message)
    {
    }

    public JsonRpcErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JsonRpcErrorException(int code, string message)
        : base(message)
    {
        Code = code;
    }

    public int Code { get; }
}

public sealed class JsonRpcClosedException : IOException
{
    public JsonRpcClosedException()
    {
    }

    public JsonRpcClosedException(string message)
        : base(message)
    {
    }

    public JsonRpcClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
