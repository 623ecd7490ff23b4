namespace Delight.Runtime.Relay.Auth;

/// <summary>Issues and verifies the relay's own access tokens (PROTOCOL.md §9.9). Verification returns the account
/// id (<c>sub</c>) or null; it never throws on bad input.</summary>
public interface ITokenService
{
    string Issue(string accountId);

    string? Verify(string token);
}
