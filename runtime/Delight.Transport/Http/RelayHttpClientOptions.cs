namespace Delight.Transport.Http;

/// <summary>Settings of the relay HTTP adapter.</summary>
public sealed record RelayHttpClientOptions
{
    /// <summary>The relay's base URL, for example <c>http://127.0.0.1:3005</c> (PROTOCOL.md §7).</summary>
    public required Uri BaseUri { get; init; }

    /// <summary>Refresh the token when fewer than this remain before its <c>exp</c> (PROTOCOL.md §9.9: 10 minutes).</summary>
    public TimeSpan RefreshMargin { get; init; } = TimeSpan.FromMinutes(10);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
