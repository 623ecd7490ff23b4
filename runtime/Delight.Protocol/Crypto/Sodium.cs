using System.Runtime.InteropServices;

namespace Delight.Protocol.Crypto;

/// <summary>
/// The few libsodium entry points Delight's crypto needs (box, secretbox, X25519 base point, Ed25519).
/// The native library ships in the `libsodium` NuGet package. Every wrapper initialises libsodium first.
/// </summary>
internal static partial class Sodium
{
    private const string Library = "libsodium";

    public const int BoxPublicKeyBytes = 32;
    public const int BoxSecretKeyBytes = 32;
    public const int BoxNonceBytes = 24;
    public const int BoxMacBytes = 16;
    public const int SecretBoxKeyBytes = 32;
    public const int SecretBoxNonceBytes = 24;
    public const int SecretBoxMacBytes = 16;
    public const int SignSeedBytes = 32;
    public const int SignPublicKeyBytes = 32;
    public const int SignSecretKeyBytes = 64;
    public const int SignBytes = 64;

    private static readonly string? InitFailure = Initialize();

    /// <summary>Throws a typed failure when the native library could not load or initialise (never silently continues).</summary>
    public static void EnsureInitialized()
    {
        if (InitFailure is not null)
        {
            throw new CryptoFailureException(CryptoFailureReason.NativeLibraryFailure, InitFailure);
        }
    }

    // A missing native library must surface as a typed failure on use, not as a TypeInitializationException.
    private static string? Initialize()
    {
        try
        {
            return sodium_init() < 0 ? "libsodium failed to initialise." : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"libsodium could not be loaded: {e.Message}";
        }
    }

    public static bool ScalarMultBase(Span<byte> publicKey, ReadOnlySpan<byte> secretKey)
    {
        EnsureInitialized();
        return crypto_scalarmult_base(publicKey, secretKey) == 0;
    }

    public static bool BoxSeedKeyPair(Span<byte> publicKey, Span<byte> secretKey, ReadOnlySpan<byte> seed)
    {
        EnsureInitialized();
        return crypto_box_seed_keypair(publicKey, secretKey, seed) == 0;
    }

    public static bool BoxEasy(Span<byte> output, ReadOnlySpan<byte> message, ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> senderSecretKey)
    {
        EnsureInitialized();
        return crypto_box_easy(output, message, (ulong)message.Length, nonce, recipientPublicKey, senderSecretKey) == 0;
    }

    public static bool BoxOpenEasy(Span<byte> output, ReadOnlySpan<byte> boxed, ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> senderPublicKey, ReadOnlySpan<byte> recipientSecretKey)
    {
        EnsureInitialized();
        return crypto_box_open_easy(output, boxed, (ulong)boxed.Length, nonce, senderPublicKey, recipientSecretKey) == 0;
    }

    public static bool SecretBoxEasy(Span<byte> output, ReadOnlySpan<byte> message, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key)
    {
        EnsureInitialized();
        return crypto_secretbox_easy(output, message, (ulong)message.Length, nonce, key) == 0;
    }

    public static bool SecretBoxOpenEasy(Span<byte> output, ReadOnlySpan<byte> boxed, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key)
    {
        EnsureInitialized();
        return crypto_secretbox_open_easy(output, boxed, (ulong)boxed.Length, nonce, key) == 0;
    }

    public static bool SignSeedKeyPair(Span<byte> publicKey, Span<byte> secretKey, ReadOnlySpan<byte> seed)
    {
        EnsureInitialized();
        return crypto_sign_seed_keypair(publicKey, secretKey, seed) == 0;
    }

    public static bool SignDetached(Span<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> secretKey)
    {
        EnsureInitialized();
        return crypto_sign_detached(signature, out _, message, (ulong)message.Length, secretKey) == 0;
    }

    public static bool VerifyDetached(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> publicKey)
    {
        EnsureInitialized();
        return crypto_sign_verify_detached(signature, message, (ulong)message.Length, publicKey) == 0;
    }

    [LibraryImport(Library)]
    private static partial int sodium_init();

    [LibraryImport(Library)]
    private static partial int crypto_scalarmult_base(Span<byte> q, ReadOnlySpan<byte> n);

    [LibraryImport(Library)]
    private static partial int crypto_box_seed_keypair(Span<byte> pk, Span<byte> sk, ReadOnlySpan<byte> seed);

    [LibraryImport(Library)]
    private static partial int crypto_box_easy(Span<byte> c, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> n,
        ReadOnlySpan<byte> pk, ReadOnlySpan<byte> sk);

    [LibraryImport(Library)]
    private static partial int crypto_box_open_easy(Span<byte> m, ReadOnlySpan<byte> c, ulong clen, ReadOnlySpan<byte> n,
        ReadOnlySpan<byte> pk, ReadOnlySpan<byte> sk);

    [LibraryImport(Library)]
    private static partial int crypto_secretbox_easy(Span<byte> c, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> n,
        ReadOnlySpan<byte> k);

    [LibraryImport(Library)]
    private static partial int crypto_secretbox_open_easy(Span<byte> m, ReadOnlySpan<byte> c, ulong clen, ReadOnlySpan<byte> n,
        ReadOnlySpan<byte> k);

    [LibraryImport(Library)]
    private static partial int crypto_sign_seed_keypair(Span<byte> pk, Span<byte> sk, ReadOnlySpan<byte> seed);

    [LibraryImport(Library)]
    private static partial int crypto_sign_detached(Span<byte> sig, out ulong siglen, ReadOnlySpan<byte> m, ulong mlen,
        ReadOnlySpan<byte> sk);

    [LibraryImport(Library)]
    private static partial int crypto_sign_verify_detached(ReadOnlySpan<byte> sig, ReadOnlySpan<byte> m, ulong mlen,
        ReadOnlySpan<byte> pk);
}
