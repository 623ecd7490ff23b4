namespace Delight.Agents.Acp;

/// <summary>What one ACP response said about a run (JSON body or SSE stream, ENGINES.md §6.3).</summary>
public sealed record AcpRun(string RunId, string Status, string? AwaitRequestJson, string OutputText, string? ErrorMessage)
{
    public string NormalizedStatus => Status.Trim().ToLowerInvariant();

    public bool IsAwaiting => NormalizedStatus == "awaiting" && AwaitRequestJson is not null;

    /// <summary>Still running: the statuses upstream polls on, plus ACP's own <c>created</c>, <c>in-progress</c> and
    /// <c>cancelling</c>, which upstream mistakes for final (§6.5).</summary>
    public bool IsInProgress => NormalizedStatus is "" or "queued" or "running" or "started" or "in_progress" or "created" or "in-progress" or "cancelling";

    public bool IsFailed => NormalizedStatus == "failed";
}

public sealed class AcpRequestException : Exception
{
    public AcpRequestException()
    {
    }

    public AcpRequestException(string message)
        : base(message)
    {
    }

    public AcpRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
