using System.Security.Cryptography;
using Delight.Protocol.Crypto;

namespace Delight.Transport.Tests.Support;

/// <summary>Clearly fake master secrets and DEKs for the tests (random per test run, never real keys).</summary>
public static class TestKeys
{
    public static byte[] NewMasterSecret() => RandomNumberGenerator.GetBytes(32);

    public static Ed25519KeyPair AccountKey(byte[] masterSecret) => Ed25519KeyPair.ForAccount(masterSecret);
}
