namespace Delight.Transport.RelayFront;

/// <summary>One HTTP request as the Node front received it. <see cref="Query"/> is the raw query string without
/// <c>?</c>; <see cref="Authorization"/> the raw header, if any.</summary>
public sealed record RelayFrontHttpRequest(string Method, string Path, string Query, string? Authorization, string Body);
