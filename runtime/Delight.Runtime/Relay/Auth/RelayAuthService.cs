using Delight.Runtime.Relay.Http;
using Delight.Runtime.Relay.Storage;

namespace Delight.Runtime.Relay.Auth;

/// <summary>
/// Challenge-response login (PROTOCOL.md §7.1, §9.8): single-use challenges bound to the public key, 5-minute TTL;
/// the account is keyed by hex(publicKey) and created on first login. Global (not per account), so it keeps its
/// small table under a lock rather than in an account runtime.
/// </summary>
public sealed class RelayAuthService(RelayOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Challenge> _challenges = new(StringComparer.Ordinal);

    private sealed record Challenge(string PublicKeyHex, byte[] Bytes, DateTimeOffset ExpiresAt);

    public RelayHttpResponse CreateChallenge(AuthChallengeRequest request)
    {
        if (DecodeKey(request?.PublicKey) is not { } key)
        {
            return RelayHttpResponse.Error(400, "invalid publicKey");
        }

        var bytes = new byte[32];
        options.Random.Fill(bytes);
        var id = options.Ids.NextId();
        lock (_gate)
        {
            _challenges[id] = new Challenge(Convert.ToHexStringLower(key), bytes, options.Time.GetUtcNow() + options.ChallengeTtl);
        }

        return RelayHttpResponse.Ok(new ChallengeBody(id, Convert.ToBase64String(bytes)));
    }

    public RelayHttpResponse Authenticate(AuthRequest request)
    {
        if (request is null || DecodeKey(request.PublicKey) is not { } key || string.IsNullOrEmpty(request.ChallengeId))
        {
            return RelayHttpResponse.Error(400, "invalid request");
        }

        var keyHex = Convert.ToHexStringLower(key);
        Challenge? challenge;
        lock (_gate)
        {
            _challenges.TryGetValue(request.ChallengeId, out challenge);
        }

        if (challenge is null || challenge.PublicKeyHex != keyHex)
        {
            return RelayHttpResponse.Error(401, "invalid challenge");
        }

        if (options.Time.GetUtcNow() > challenge.ExpiresAt)
        {
            lock (_gate)
            {
                _challenges.Remove(request.ChallengeId);
            }

            return RelayHttpResponse.Error(401, "expired challenge");
        }

        var signature = Decode(request.Signature);
        if (signature is null || !options.ChallengeVerifier.Verify(key, challenge.Bytes, signature))
        {
            return RelayHttpResponse.Error(401, "invalid signature");
        }

        lock (_gate)
        {
            if (!_challenges.Remove(request.ChallengeId))
            {
                return RelayHttpResponse.Error(401, "invalid challenge"); // used concurrently by another request
            }
        }

        return RelayHttpResponse.Ok(new AuthTokenBody(true, options.Tokens.Issue(ResolveAccount(options.Store, keyHex))));
    }

    private string ResolveAccount(IRelayStore store, string keyHex)
    {
        lock (_gate)
        {
            var account = store.FindAccountByPublicKey(keyHex);
            if (account is null)
            {
                account = options.Ids.NextId();
                store.SaveAccountKey(keyHex, account);
            }

            return account;
        }
    }

    /// <summary>Lookups accept std, URL-safe, padded or unpadded base64 (PROTOCOL.md §7.1).</summary>
    private static byte[]? DecodeKey(string? text)
    {
        var bytes = Decode(text?.Replace('-', '+').Replace('_', '/') is { } s ? s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=') : null);
        return bytes is { Length: 32 } ? bytes : null;
    }

    private static byte[]? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var n) ? buffer[..n] : null;
    }
}
