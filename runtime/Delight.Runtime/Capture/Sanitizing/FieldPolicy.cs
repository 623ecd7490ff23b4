namespace Delight.Runtime.Capture.Sanitizing;

/// <summary>What the sanitizer does with a string value, decided by the name of the field that holds it.</summary>
internal enum FieldTreatment
{
    /// <summary>Structural vocabulary (kind, mode, phase, ...): kept when it looks like a short token.</summary>
    Keep,

    /// <summary>An identifier: replaced by a stable pseudonym of its kind (session-1, request-2, ...).</summary>
    Pseudonym,

    /// <summary>Everything else (text, tokens, keys, ciphertext, paths, tool input and output): a stable placeholder.</summary>
    Placeholder,
}

/// <summary>
/// The allowlist. Only fields named here keep their value; an unknown field is redacted (fail closed). Numbers and
/// booleans are kept: in Delight's records they are versions, sequence numbers, generations, flags and virtual times.
/// </summary>
internal static class FieldPolicy
{
    /// <summary>Fields whose short token values are protocol vocabulary, not user data.</summary>
    private static readonly HashSet<string> Vocabulary = new(StringComparer.Ordinal)
    {
        "kind", "dir", "direction", "source", "mode", "fsm", "phase", "status", "state", "type", "t", "role",
        "agentType", "permissionMode", "model", "reasoningEffort", "format", "runtimeVersion", "producer",
        "clientType", "outcome", "error", "errorCode", "reason", "transition", "toolName", "name", "method",
        "resource", "timer", "flavor", "correlation", "runtimeVersion", "strategy", "scenario", "mutant", "target", "uiKind", "code",
    };

    /// <summary>Objects whose property names are ids (agent state's requests by request id).</summary>
    private static readonly Dictionary<string, string> KeyedByIdKinds = new(StringComparer.Ordinal)
    {
        ["requests"] = "request",
        ["completedRequests"] = "request",
        ["pendingPermissions"] = "request",
    };

    /// <summary>True when the object held by <paramref name="fieldName"/> is keyed by ids of <paramref name="kind"/>.</summary>
    public static bool IsKeyedById(string? fieldName, out string kind)
    {
        kind = "";
        return fieldName is not null && KeyedByIdKinds.TryGetValue(fieldName, out kind!);
    }

    /// <summary>Id fields whose pseudonyms share a kind, so equal ids stay equal across field names.</summary>
    private static readonly Dictionary<string, string> IdKinds = new(StringComparer.Ordinal)
    {
        ["sid"] = "session",
        ["sessionId"] = "session",
        ["tid"] = "terminal",
        ["terminalId"] = "terminal",
        ["machineId"] = "terminal",
        ["localId"] = "local",
        ["requestId"] = "request",
        ["eventId"] = "event",
        ["id"] = "id",
        ["userId"] = "user",
        ["accountId"] = "user",
        ["messageId"] = "message",
        ["uuid"] = "uuid",
        ["threadId"] = "thread",
        ["runId"] = "run",
        ["turnId"] = "turn",
        ["resumeToken"] = "resume",
        ["connectionId"] = "connection",
        ["socketId"] = "connection",
        ["pendingRequests"] = "request",
    };

    /// <summary>Longest vocabulary value kept verbatim; longer values are redacted (they are not vocabulary).</summary>
    public const int MaxVocabularyLength = 40;

    public static FieldTreatment Classify(string? fieldName, out string kind)
    {
        if (fieldName is null)
        {
            kind = "text";
            return FieldTreatment.Placeholder;
        }

        if (IdKinds.TryGetValue(fieldName, out var idKind))
        {
            kind = idKind;
            return FieldTreatment.Pseudonym;
        }

        if (fieldName.EndsWith("Id", StringComparison.Ordinal) && fieldName.Length > 2)
        {
            kind = fieldName[..^2].ToLowerInvariant();
            return FieldTreatment.Pseudonym;
        }

        if (Vocabulary.Contains(fieldName))
        {
            kind = "text";
            return FieldTreatment.Keep;
        }

        kind = PlaceholderKind(fieldName);
        return FieldTreatment.Placeholder;
    }

    /// <summary>A readable category for a placeholder; it never carries any part of the value.</summary>
    private static string PlaceholderKind(string fieldName)
    {
        var name = fieldName.ToLowerInvariant();
        if (name.Contains("token", StringComparison.Ordinal) || name.Contains("jwt", StringComparison.Ordinal))
        {
            return "token";
        }

        if (name.Contains("key", StringComparison.Ordinal) || name.Contains("secret", StringComparison.Ordinal) ||
            name.Contains("dek", StringComparison.Ordinal) || name.Contains("signature", StringComparison.Ordinal))
        {
            return "key";
        }

        if (name.Contains("path", StringComparison.Ordinal) || name.Contains("dir", StringComparison.Ordinal) ||
            name == "cwd" || name.Contains("home", StringComparison.Ordinal))
        {
            return "path";
        }

        if (name is "c" || name.Contains("cipher", StringComparison.Ordinal) || name.Contains("encrypted", StringComparison.Ordinal))
        {
            return "cipher";
        }

        return "text";
    }
}
