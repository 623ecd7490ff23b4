using System.Text.Json;
using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Rpc;

/// <summary>What an RPC <c>params</c> string holds, before any decryption is tried (§5.2).</summary>
public enum RpcParamsTextKind
{
    /// <summary>Absent or empty: the callee still answers encrypted.</summary>
    Empty,

    /// <summary>Valid JSON text: plaintext params, answered in plaintext (what the app sends).</summary>
    Json,

    /// <summary>Anything else, typically a base64 AES-GCM envelope.</summary>
    Opaque,
}

/// <summary>Classifies RPC params text. The callee tries decryption first; this only tells JSON from the rest.</summary>
public static class RpcParamsText
{
    public static RpcParamsTextKind Classify(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return RpcParamsTextKind.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = WireJson.MaxDepth });
            return RpcParamsTextKind.Json;
        }
        catch (JsonException)
        {
            return RpcParamsTextKind.Opaque;
        }
    }
}
