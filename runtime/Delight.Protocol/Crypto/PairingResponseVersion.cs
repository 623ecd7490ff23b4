namespace Delight.Protocol.Crypto;

/// <summary>The two pairing payloads a terminal accepts (§9.10 step 4).</summary>
public enum PairingResponseVersion
{
    /// <summary>The bundle carries the 32-byte masterSecret itself (what the phone sends at HEAD).</summary>
    V1 = 1,

    /// <summary>The bundle carries 0x00 ‖ masterSecret (33 bytes).</summary>
    V2 = 2,
}
