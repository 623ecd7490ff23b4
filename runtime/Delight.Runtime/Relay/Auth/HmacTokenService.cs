using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Delight.Runtime.Relay.Auth;

/// <summary>
/// A JWT with the relay's claims (<c>iss</c> "delight-server", <c>sub</c>, <c>exp</c> = iat + 24 h, <c>nbf</c>,
/// <c>iat</c>; PROTOCOL.md §9.9) signed with HMAC-SHA256 instead of upstream's EdDSA. Clients only read
/// <c>exp</c>, so they cannot tell; an EdDSA service can replace it behind <see cref="ITokenService"/>.
/// </summary>
public sealed class HmacTokenService : ITokenService
{
    public const string Issuer = "delight-server";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public HmacTokenService(ReadOnlySpan<byte> key, TimeProvider time)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The token key needs at least 32 bytes.", nameof(key));
        }

        _key = key.ToArray();
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public string Issue(string accountId)
    {
        var iat = _time.GetUtcNow().ToUnixTimeSeconds();
        var header = Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);
        var claims = string.Create(CultureInfo.InvariantCulture,
            $"{{\"iss\":\"{Issuer}\",\"sub\":{JsonSerializer.Serialize(accountId)},\"exp\":{iat + (long)Lifetime.TotalSeconds},\"nbf\":{iat},\"iat\":{iat}}}");
        var signingInput = header + "." + Base64Url(Encoding.UTF8.GetBytes(claims));
        return signingInput + "." + Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput)));
    }

    public string? Verify(string token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        if (FromBase64Url(parts[2]) is not { } signature || !CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return null;
        }

        if (FromBase64Url(parts[1]) is not { } payload)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var now = _time.GetUtcNow().ToUnixTimeSeconds();
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != Issuer
                || !root.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expSeconds) || expSeconds <= now
                || (root.TryGetProperty("nbf", out var nbf) && nbf.TryGetInt64(out var nbfSeconds) && nbfSeconds > now))
            {
                return null;
            }

            return sub.GetString();
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        var buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out var n) ? buffer[..n] : null;
    }
}
