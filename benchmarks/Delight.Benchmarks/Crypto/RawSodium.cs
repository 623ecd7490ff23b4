using System.Runtime.InteropServices;

namespace Delight.Benchmarks.Crypto;

/// <summary>The raw libsodium entry point the unwrap baseline calls directly (the same native library the
/// protocol's crypto loads from the libsodium package).</summary>
internal static partial class RawSodium
{
    private const string Library = "libsodium";

    [LibraryImport(Library)]
    internal static partial int sodium_init();

    [LibraryImport(Library)]
    internal static partial int crypto_box_open_easy(Span<byte> m, ReadOnlySpan<byte> c, ulong clen, ReadOnlySpan<byte> n,
        ReadOnlySpan<byte> pk, ReadOnlySpan<byte> sk);
}
