namespace Delight.Transport.Http;

/// <summary>A relay HTTP call that did not succeed: the status (0 when there was no response), the relay's
/// <c>{"error"}</c> text when it sent one, and the kind, so callers branch on a type rather than on strings.</summary>
public sealed class RelayHttpException : Exception
{
    public RelayHttpException(RelayHttpErrorKind kind, string method, string path, int statusCode, string? relayError, Exception? innerException = null)
        : base(Describe(kind, method, path, statusCode, relayError), innerException)
    {
        Kind = kind;
        Method = method;
        Path = path;
        StatusCode = statusCode;
        RelayError = relayError;
    }

    public RelayHttpErrorKind Kind { get; }

    public string Method { get; }

    public string Path { get; }

    public int StatusCode { get; }

    /// <summary>The relay's <c>error</c> text, if its body carried one.</summary>
    public string? RelayError { get; }

    public static RelayHttpErrorKind KindOf(int statusCode) => statusCode switch
    {
        400 => RelayHttpErrorKind.BadRequest,
        401 => RelayHttpErrorKind.Unauthorized,
        403 => RelayHttpErrorKind.Forbidden,
        404 => RelayHttpErrorKind.NotFound,
        409 => RelayHttpErrorKind.Conflict,
        >= 500 and < 600 => RelayHttpErrorKind.ServerError,
        _ => RelayHttpErrorKind.UnexpectedStatus,
    };

    private static string Describe(RelayHttpErrorKind kind, string method, string path, int statusCode, string? relayError)
    {
        var status = statusCode == 0 ? string.Empty : $" {statusCode}";
        var error = string.IsNullOrEmpty(relayError) ? string.Empty : $": {relayError}";
        return $"{method} {path} failed ({kind}{status}){error}";
    }
}
