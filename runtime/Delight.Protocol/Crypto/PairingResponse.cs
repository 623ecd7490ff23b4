using System.Diagnostics.CodeAnalysis;

namespace Delight.Protocol.Crypto;

/// <summary>
/// PROTOCOL.md §9.10: the phone answers a pairing request with std-base64(boxBundle(payload, terminal pk)); the
/// terminal opens it with its pairing secret key. Payload V1 = masterSecret (32 bytes), V2 = 0x00 ‖ masterSecret.
/// </summary>
public static class PairingResponse
{
    public const int MasterSecretLength = 32;

    /// <summary>The phone's side: seal the masterSecret to the terminal's pairing key (V1 unless told otherwise).</summary>
    public static string Create(ReadOnlySpan<byte> masterSecret, ReadOnlySpan<byte> terminalPublicKey, IRandomSource random,
        PairingResponseVersion version = PairingResponseVersion.V1)
    {
        if (masterSecret.Length != MasterSecretLength)
        {
            throw new CryptoFailureException(CryptoFailureReason.InvalidKeyLength,
                $"A masterSecret is {MasterSecretLength} bytes, not {masterSecret.Length}.");
        }

        Span<byte> payload = stackalloc byte[MasterSecretLength + 1];
        var used = payload;
        if (version == PairingResponseVersion.V2)
        {
            payload[0] = 0x00;
            masterSecret.CopyTo(payload[1..]);
        }
        else
        {
            used = payload[..MasterSecretLength];
            masterSecret.CopyTo(used);
        }

        try
        {
            return CryptoEncoding.EncodeBase64(BoxBundle.Seal(used, terminalPublicKey, random));
        }
        finally
        {
            payload.Clear();
        }
    }

    /// <summary>
    /// The terminal's side: decode, open with the pairing secret key, and accept a 32-byte payload (V1) or a 33-byte
    /// payload starting 0x00 (V2); anything else is InvalidPayloadLength.
    /// </summary>
    public static bool TryOpen(string? response, ReadOnlySpan<byte> terminalSecretKey,
        [NotNullWhen(true)] out byte[]? masterSecret, out PairingResponseVersion version, out CryptoFailureReason reason)
    {
        masterSecret = null;
        version = default;
        if (!CryptoEncoding.TryDecodeBase64(response, out var bundle))
        {
            reason = CryptoFailureReason.InvalidBase64;
            return false;
        }

        if (!BoxBundle.TryOpen(bundle, terminalSecretKey, out var payload, out reason))
        {
            return false;
        }

        if (payload.Length == MasterSecretLength)
        {
            masterSecret = payload;
            version = PairingResponseVersion.V1;
            return true;
        }

        if (payload.Length == MasterSecretLength + 1 && payload[0] == 0x00)
        {
            masterSecret = payload[1..];
            version = PairingResponseVersion.V2;
            Array.Clear(payload);
            return true;
        }

        Array.Clear(payload);
        reason = CryptoFailureReason.InvalidPayloadLength;
        return false;
    }

    public static byte[] Open(string? response, ReadOnlySpan<byte> terminalSecretKey) =>
        TryOpen(response, terminalSecretKey, out var masterSecret, out _, out var reason)
            ? masterSecret
            : throw CryptoFailureException.For(reason);
}
