namespace Delight.Protocol.Crypto;

/// <summary>
/// PROTOCOL.md §9.6, the AES-256-GCM envelope version 0:
/// <c>0x00 ‖ nonce(12, random) ‖ ciphertext ‖ tag(16)</c>, no AAD, std base64 for transport.
/// The cipher itself is <see cref="ContentCipher"/>; this type holds the layout.
/// </summary>
public static class AesGcmEnvelope
{
    public const byte Version = 0x00;
    public const int VersionLength = 1;
    public const int NonceLength = 12;
    public const int TagLength = 16;

    /// <summary>Version, nonce and tag: the envelope of an empty plaintext, and the shortest valid envelope (29).</summary>
    public const int Overhead = VersionLength + NonceLength + TagLength;

    public static int GetEnvelopeLength(int plaintextLength) => plaintextLength + Overhead;

    /// <summary>The plaintext length an envelope of this length carries (negative when the envelope is too short).</summary>
    public static int GetPlaintextLength(int envelopeLength) => envelopeLength - Overhead;

    /// <summary>
    /// The §9.11 detection heuristic: AES-GCM envelopes start with 0x00 and are at least 29 bytes; legacy secretbox
    /// blobs start with a random nonce byte.
    /// </summary>
    public static bool LooksLikeEnvelope(ReadOnlySpan<byte> data) => data.Length >= Overhead && data[0] == Version;
}
