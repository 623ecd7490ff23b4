namespace Delight.Protocol.Crypto;

/// <summary>Why a crypto operation refused its input. Every rejection is one of these, never garbage output.</summary>
public enum CryptoFailureReason
{
    /// <summary>Not RFC 4648 base64 of the expected alphabet and padding.</summary>
    InvalidBase64,

    /// <summary>Shorter than the format's minimum (an envelope under 29 bytes, a bundle under 72, ...).</summary>
    TooShort,

    /// <summary>The leading version byte is not 0x00 (AES-GCM envelope, wrapped data-encryption key).</summary>
    UnsupportedVersion,

    /// <summary>The authentication tag did not verify: tampered data, truncated data or the wrong key.</summary>
    AuthenticationFailed,

    /// <summary>A key, seed or nonce has the wrong size.</summary>
    InvalidKeyLength,

    /// <summary>The decrypted payload has a length the format forbids (a DEK that is not 32 bytes, a pairing payload of 34).</summary>
    InvalidPayloadLength,

    /// <summary>The caller's destination span cannot hold the output.</summary>
    DestinationTooSmall,

    /// <summary>A public key cannot be used (for example a low-order X25519 point).</summary>
    InvalidPublicKey,

    /// <summary>A JWT is not three base64url segments of JSON objects.</summary>
    MalformedToken,

    /// <summary>A JWT claim the caller needs (exp) is absent or not a number.</summary>
    MissingClaim,

    /// <summary>A JWT's signature does not verify, or its header does not name EdDSA.</summary>
    InvalidSignature,

    /// <summary>A pairing URL is not `delight://terminal?&lt;base64 of a 32-byte key&gt;`.</summary>
    InvalidPairingUrl,

    /// <summary>libsodium could not be loaded or initialised.</summary>
    NativeLibraryFailure,
}
