using Delight.Protocol.Wire.Json;

namespace Delight.Protocol.Wire.Http;

/// <summary><c>POST /v1/user/profile</c> request (missing = set NULL).</summary>
public sealed record UpdateProfileRequest
{
    public Optional<string> FirstName { get; init; }

    public Optional<string> LastName { get; init; }

    public Optional<string> Username { get; init; }
}
