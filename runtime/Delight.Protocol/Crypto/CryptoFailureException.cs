namespace Delight.Protocol.Crypto;

/// <summary>The typed failure every throwing crypto API uses; the Try* twins report the same <see cref="Reason"/>.</summary>
public sealed class CryptoFailureException : Exception
{
    public CryptoFailureException(CryptoFailureReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public CryptoFailureException(CryptoFailureReason reason, string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public CryptoFailureException()
        : this(CryptoFailureReason.AuthenticationFailed, "Crypto operation failed.")
    {
    }

    public CryptoFailureException(string message)
        : this(CryptoFailureReason.AuthenticationFailed, message)
    {
    }

    public CryptoFailureException(string message, Exception innerException)
        : this(CryptoFailureReason.AuthenticationFailed, message, innerException)
    {
    }

    public CryptoFailureReason Reason { get; }

    internal static CryptoFailureException For(CryptoFailureReason reason) => new(reason, Describe(reason));

    /// <summary>A short human sentence for a reason (used by messages and the vector verifier).</summary>
    public static string Describe(CryptoFailureReason reason) => reason switch
    {
        CryptoFailureReason.InvalidBase64 => "input is not standard padded base64",
        CryptoFailureReason.TooShort => "input is shorter than the format allows",
        CryptoFailureReason.UnsupportedVersion => "unsupported version byte (expected 0x00)",
        CryptoFailureReason.AuthenticationFailed => "authentication failed (tampered, truncated or wrong key)",
        CryptoFailureReason.InvalidKeyLength => "key, seed or nonce has the wrong length",
        CryptoFailureReason.InvalidPayloadLength => "decrypted payload has a length the format forbids",
        CryptoFailureReason.DestinationTooSmall => "destination buffer is too small",
        CryptoFailureReason.InvalidPublicKey => "public key cannot be used",
        CryptoFailureReason.MalformedToken => "token is not a well-formed JWT",
        CryptoFailureReason.MissingClaim => "token lacks a numeric exp claim",
        CryptoFailureReason.InvalidSignature => "signature does not verify",
        CryptoFailureReason.InvalidPairingUrl => "not a delight://terminal?<key> pairing URL",
        CryptoFailureReason.NativeLibraryFailure => "libsodium could not be initialised",
        _ => reason.ToString(),
    };
}
