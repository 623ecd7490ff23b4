namespace Delight.Transport.Http;

/// <summary>What went wrong with one relay HTTP call (PROTOCOL.md §7 status codes, plus the transport's own failures).</summary>
public enum RelayHttpErrorKind
{
    /// <summary>400: the relay rejected the request body or parameters.</summary>
    BadRequest,

    /// <summary>401 even after one token refresh: the account key or challenge was refused.</summary>
    Unauthorized,

    /// <summary>403: the object belongs to another account.</summary>
    Forbidden,

    /// <summary>404: no such session, terminal, pairing request or route.</summary>
    NotFound,

    /// <summary>409: a conflict (session tag in use, KV version mismatch, artifact of another account).</summary>
    Conflict,

    /// <summary>5xx.</summary>
    ServerError,

    /// <summary>Any other non-success status.</summary>
    UnexpectedStatus,

    /// <summary>A success status whose body is not the documented JSON.</summary>
    MalformedResponse,

    /// <summary>The relay could not be reached (connection refused, reset, timeout).</summary>
    Unreachable,
}
