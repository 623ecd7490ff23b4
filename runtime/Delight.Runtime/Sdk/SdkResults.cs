namespace Delight.Runtime.Sdk;

/// <summary>Outcome of <see cref="DelightClient.SendMessageAsync"/>: sent (no ack exists for <c>message</c>) or
/// refused by the gate or a missing key, with the reason.</summary>
public sealed record SendResult(bool Sent, string LocalId, string? Refusal)
{
    public static SendResult Ok(string localId) => new(true, localId, null);

    public static SendResult Refused(string localId, string reason) => new(false, localId, reason);
}

/// <summary>Outcome of an RPC: <see cref="Ok"/> with the callee's result (JSON text, null when absent), or the error.</summary>
public sealed record RpcOutcome(bool Ok, string? ResultJson, string? Error)
{
    public static RpcOutcome Failure(string error) => new(false, null, error);
}

/// <summary>Outcome of an HTTP call: the status and, on failure, the error text.</summary>
public sealed record SdkHttpOutcome<T>(T? Value, int StatusCode, string? Error)
    where T : class
{
    public bool Ok => Value is not null;
}
