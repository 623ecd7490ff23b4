namespace Delight.Protocol.Crypto.Vectors;

/// <summary>What a vector checks; the verifier prints it next to each result.</summary>
public enum CryptoVectorKind
{
    Inputs,
    Derivation,
    ContentKeyPair,
    DekWrap,
    DekUnwrap,
    AesGcm,
    Ed25519Signature,
    Pairing,
    Jwt,
    LegacySecretbox,
}
