using System.Security.Cryptography;
using System.Text;

namespace Delight.Protocol.Crypto.Vectors;

/// <summary>
/// Checks every vector of a crypto-vectors file against this implementation, one result per vector. Randomness
/// (ephemeral keys, nonces) is replaced by the file's inputs through <see cref="ScriptedRandomSource"/>, so the
/// production code paths produce the exact expected bytes.
/// </summary>
public static class CryptoVectorVerifier
{
    public static IReadOnlyList<CryptoVectorResult> Verify(CryptoVectorFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var results = new List<CryptoVectorResult>();
        void Add(string name, CryptoVectorKind kind, Action<VectorCheck> body) => results.Add(Run(name, kind, body));

        var inputs = file.Inputs;
        Add("inputs", CryptoVectorKind.Inputs, check => CheckInputs(check, inputs));

        Add("deriveKey.root", CryptoVectorKind.Derivation, check =>
        {
            var root = KeyTree.Root(Master(inputs), file.DeriveKey.Usage);
            check.EqualHex("root_key_hex", file.DeriveKey.RootKeyHex, root.Key.Span);
            check.EqualHex("root_chain_hex", file.DeriveKey.RootChainHex, root.Chain.Span);
        });
        Add("deriveKey.path", CryptoVectorKind.Derivation, check =>
        {
            var node = KeyTree.DeriveNode(Master(inputs), file.DeriveKey.Usage, file.DeriveKey.Path);
            check.EqualHex("content_key_hex", file.DeriveKey.ContentKeyHex, node.Key.Span);
            check.EqualHex("content_chain_hex", file.DeriveKey.ContentChainHex, node.Chain.Span);
            // The content key is fixed by the spec, whatever the file's usage says.
            check.EqualHex("content_key_hex (Delight EnCoder/content)", file.DeriveKey.ContentKeyHex,
                KeyTree.DeriveContentSeed(Master(inputs)));
        });

        AddContentKeyPair(file, Add);
        AddWrappedDataKey(file, Add);
        AddAesGcm("aesGcmMessage", file.AesGcmMessage, inputs, Add);
        AddAesGcm("aesGcmTerminalMetadata", file.AesGcmTerminalMetadata, inputs, Add);
        AddAesGcm("aesGcmRpcParams", file.AesGcmRpcParams, inputs, Add);
        AddEd25519(file, Add);
        AddPairing(file, Add);
        AddJwt(file.Jwt, Add);

        for (var i = 0; i < file.HistoricalSecretbox.Count; i++)
        {
            var vector = file.HistoricalSecretbox[i];
            Add($"historicalSecretbox[{i}]", CryptoVectorKind.LegacySecretbox, check => CheckSecretbox(check, vector));
        }

        return results;
    }

    private static void AddContentKeyPair(CryptoVectorFile file, Action<string, CryptoVectorKind, Action<VectorCheck>> add)
    {
        var expected = file.ContentKeyPair;
        add("contentKeyPair.secret", CryptoVectorKind.ContentKeyPair, check =>
            check.EqualHex("secret_clamped_hex", expected.SecretClampedHex, ContentKeyPair.FromMasterSecret(Master(file.Inputs)).SecretKey));
        add("contentKeyPair.public", CryptoVectorKind.ContentKeyPair, check =>
        {
            var pair = ContentKeyPair.FromMasterSecret(Master(file.Inputs));
            check.EqualHex("public_hex", expected.PublicHex, pair.PublicKey);
            check.Equal("public_b64", expected.PublicBase64, pair.PublicKeyBase64);
        });
        if (expected.LibsodiumSeedKeyPairPublicHex is { } notUsed)
        {
            add("contentKeyPair.notLibsodiumSeedKeyPair", CryptoVectorKind.ContentKeyPair, check =>
            {
                var seed = KeyTree.DeriveContentSeed(Master(file.Inputs));
                var libsodium = ContentKeyPair.LibsodiumSeedKeyPairPublicKey(seed);
                check.EqualHex("NOT_USED_libsodium_seed_keypair_public_hex", notUsed, libsodium);
                check.True("public_hex", !libsodium.AsSpan().SequenceEqual(ContentKeyPair.FromSeed(seed).PublicKey),
                    "the content public key equals libsodium's seed keypair, which Delight must not use");
            });
        }
    }

    private static void AddWrappedDataKey(CryptoVectorFile file, Action<string, CryptoVectorKind, Action<VectorCheck>> add)
    {
        var inputs = file.Inputs;
        var expected = file.WrappedDataEncryptionKey;
        add("wrappedDataEncryptionKey.ephemeralPublic", CryptoVectorKind.DekWrap, check =>
        {
            var ephemeral = BoxKeyPair.FromSecretKey(VectorCheck.Hex("inputs.wrapEphemeralSecret_hex", inputs.WrapEphemeralSecretHex, 32));
            check.EqualHex("ephemeral_public_hex", expected.EphemeralPublicHex, ephemeral.PublicKey);
        });
        add("wrappedDataEncryptionKey.wrap", CryptoVectorKind.DekWrap, check =>
        {
            var random = new ScriptedRandomSource(
                VectorCheck.Hex("inputs.wrapEphemeralSecret_hex", inputs.WrapEphemeralSecretHex, 32),
                VectorCheck.Hex("inputs.wrapNonce_hex", inputs.WrapNonceHex, BoxBundle.NonceLength));
            var contentPublic = ContentKeyPair.FromMasterSecret(Master(inputs)).PublicKey;
            var wrapped = WrappedDataKey.Wrap(DataKey(inputs), contentPublic, random);
            check.Equal("wrapped_b64", expected.WrappedBase64, wrapped);
            var bytes = Convert.FromBase64String(wrapped);
            check.EqualHex("wrapped_hex", expected.WrappedHex, bytes);
            check.Equal("wrapped_len", expected.WrappedLength, bytes.Length);
            var boxOutput = bytes.AsSpan(1 + BoxBundle.HeaderLength);
            check.EqualHex("box_output_hex", expected.BoxOutputHex, boxOutput);
            check.Equal("box_output_len", expected.BoxOutputLength, boxOutput.Length);
        });
        add("wrappedDataEncryptionKey.unwrap", CryptoVectorKind.DekUnwrap, check =>
        {
            var contentSecret = ContentKeyPair.FromMasterSecret(Master(inputs)).SecretKey;
            if (WrappedDataKey.TryUnwrap(expected.WrappedBase64, contentSecret, out var dataKey, out var reason))
            {
                check.EqualBytes("inputs.dataEncryptionKey_hex", DataKey(inputs), dataKey);
            }
            else
            {
                check.Fail("wrapped_b64", $"does not unwrap: {CryptoFailureException.Describe(reason)}");
            }

            check.EqualBytes("wrapped_hex (as wrapped_b64)", VectorCheck.Hex("wrapped_hex", expected.WrappedHex),
                VectorCheck.Base64("wrapped_b64", expected.WrappedBase64));
        });
    }

    private static void AddAesGcm(string section, AesGcmVector vector, CryptoVectorInputs inputs,
        Action<string, CryptoVectorKind, Action<VectorCheck>> add)
    {
        add(section + ".encrypt", CryptoVectorKind.AesGcm, check =>
        {
            var random = new ScriptedRandomSource(VectorCheck.Hex("inputs.gcmNonce_hex", inputs.GcmNonceHex, AesGcmEnvelope.NonceLength));
            using var cipher = new ContentCipher(ResolveKey(vector.Key, inputs), random);
            var envelope = cipher.EncryptToBase64(Encoding.UTF8.GetBytes(vector.PlaintextUtf8));
            check.Equal("envelope_b64", vector.EnvelopeBase64, envelope);
            var bytes = Convert.FromBase64String(envelope);
            if (vector.EnvelopeHex is { } hex)
            {
                check.EqualHex("envelope_hex", hex, bytes);
            }

            if (vector.EnvelopeLength is { } length)
            {
                check.Equal("envelope_len", length, bytes.Length);
            }
        });
        add(section + ".decrypt", CryptoVectorKind.AesGcm, check =>
        {
            using var cipher = new ContentCipher(ResolveKey(vector.Key, inputs));
            if (cipher.TryDecryptFromBase64(vector.EnvelopeBase64, out byte[]? plaintext, out var reason))
            {
                check.Equal("plaintext_utf8", vector.PlaintextUtf8, Encoding.UTF8.GetString(plaintext));
            }
            else
            {
                check.Fail("envelope_b64", $"does not decrypt: {CryptoFailureException.Describe(reason)}");
            }
        });
    }

    private static void AddEd25519(CryptoVectorFile file, Action<string, CryptoVectorKind, Action<VectorCheck>> add)
    {
        var inputs = file.Inputs;
        var expected = file.Ed25519Auth;
        add("ed25519Auth.seed", CryptoVectorKind.Ed25519Signature, check =>
            check.EqualHex("seed_sha256_of_master_hex", expected.SeedHex, SHA256.HashData(Master(inputs))));
        add("ed25519Auth.publicKey", CryptoVectorKind.Ed25519Signature, check =>
        {
            var account = Ed25519KeyPair.ForAccount(Master(inputs));
            check.EqualHex("public_hex", expected.PublicHex, account.PublicKey);
            check.Equal("public_b64", expected.PublicBase64, account.PublicKeyBase64);
            check.Equal("account_public_key_db_hex", expected.AccountPublicKeyDbHex, account.PublicKeyHex);
        });
        add("ed25519Auth.signature", CryptoVectorKind.Ed25519Signature, check =>
        {
            var account = Ed25519KeyPair.ForAccount(Master(inputs));
            var signed = AuthChallenge.Sign(account, inputs.ChallengeBase64);
            check.Equal("signature_b64", expected.SignatureBase64, signed.Signature);
            check.EqualHex("signature_over_challenge_hex", expected.SignatureHex, Convert.FromBase64String(signed.Signature));
            check.True("signature_b64", AuthChallenge.Verify(expected.PublicBase64, inputs.ChallengeBase64, expected.SignatureBase64),
                "does not verify under public_b64 over inputs.challenge_b64");
        });
    }

    private static void AddPairing(CryptoVectorFile file, Action<string, CryptoVectorKind, Action<VectorCheck>> add)
    {
        var inputs = file.Inputs;
        var expected = file.Pairing;
        BoxKeyPair Terminal() => BoxKeyPair.FromSecretKey(VectorCheck.Hex("inputs.terminalBoxSecret_hex", inputs.TerminalBoxSecretHex, 32));

        add("pairing.terminalPublicKey", CryptoVectorKind.Pairing, check =>
        {
            var terminal = Terminal();
            check.EqualHex("terminal_public_hex", expected.TerminalPublicHex, terminal.PublicKey);
            check.Equal("terminal_public_b64", expected.TerminalPublicBase64, terminal.PublicKeyBase64);
        });
        add("pairing.qrUrl", CryptoVectorKind.Pairing, check =>
        {
            var terminal = Terminal();
            check.Equal("qr_url", expected.QrUrl, PairingUrl.Format(terminal.PublicKey));
            if (PairingUrl.TryParse(expected.QrUrl, out var parsed))
            {
                check.EqualBytes("qr_url (parsed key)", terminal.PublicKey, parsed);
            }
            else
            {
                check.Fail("qr_url", "does not parse as delight://terminal?<key>");
            }
        });
        add("pairing.response", CryptoVectorKind.Pairing, check =>
        {
            var random = new ScriptedRandomSource(
                VectorCheck.Hex("inputs.pairEphemeralSecret_hex", inputs.PairEphemeralSecretHex, 32),
                VectorCheck.Hex("inputs.pairNonce_hex", inputs.PairNonceHex, BoxBundle.NonceLength));
            var response = PairingResponse.Create(Master(inputs), Terminal().PublicKey, random);
            check.Equal("response_b64", expected.ResponseBase64, response);
            check.Equal("response_bundle_len", expected.ResponseBundleLength, Convert.FromBase64String(response).Length);
        });
        add("pairing.open", CryptoVectorKind.Pairing, check =>
        {
            if (PairingResponse.TryOpen(expected.ResponseBase64, Terminal().SecretKey, out var master, out var version, out var reason))
            {
                check.EqualBytes("inputs.masterSecret_hex", Master(inputs), master);
                check.Equal("response_b64 (version)", nameof(PairingResponseVersion.V1), version.ToString());
            }
            else
            {
                check.Fail("response_b64", $"does not open: {CryptoFailureException.Describe(reason)}");
            }
        });
    }

    private static void AddJwt(JwtVector expected, Action<string, CryptoVectorKind, Action<VectorCheck>> add)
    {
        add("jwt.serverKey", CryptoVectorKind.Jwt, check =>
            check.Equal("server_public_hex", expected.ServerPublicHex.ToLowerInvariant(),
                Ed25519KeyPair.ForServerJwt(expected.ServerMasterSecret).PublicKeyHex));
        add("jwt.signature", CryptoVectorKind.Jwt, check =>
        {
            var serverKey = Ed25519KeyPair.ForServerJwt(expected.ServerMasterSecret);
            var signingInput = CryptoEncoding.EncodeBase64UrlNoPadding(Encoding.UTF8.GetBytes(expected.HeaderJson)) + "."
                + CryptoEncoding.EncodeBase64UrlNoPadding(Encoding.UTF8.GetBytes(expected.ClaimsJson));
            var signature = CryptoEncoding.EncodeBase64UrlNoPadding(serverKey.Sign(Encoding.ASCII.GetBytes(signingInput)));
            check.Equal("token", expected.Token, signingInput + "." + signature);
            check.True("token", JwtSigner.TryVerify(expected.Token, serverKey.PublicKey, out var reason),
                $"does not verify under the server key: {CryptoFailureException.Describe(reason)}");
        });
        add("jwt.claims", CryptoVectorKind.Jwt, check =>
        {
            if (!JwtToken.TryParseClaims(Encoding.UTF8.GetBytes(expected.ClaimsJson), out var fromJson))
            {
                check.Fail("claims_json", "is not a JSON object of JWT claims");
                return;
            }

            if (!JwtToken.TryReadClaims(expected.Token, out var fromToken, out var reason))
            {
                check.Fail("token", CryptoFailureException.Describe(reason));
                return;
            }

            check.Equal("claims_json (as read from token)", fromJson.ToString(), fromToken.ToString());
            check.Equal("claims_json iss", JwtClaims.DelightIssuer, fromToken.Issuer ?? "(absent)");
            if (JwtToken.TryReadExpiry(expected.Token, out var expiresAt, out reason))
            {
                check.Equal("claims_json exp", fromJson.ExpiresAt ?? -1, expiresAt.ToUnixTimeSeconds());
                check.Equal("claims_json exp - iat", (long)JwtClaims.Lifetime.TotalSeconds,
                    expiresAt.ToUnixTimeSeconds() - (fromToken.IssuedAt ?? 0));
            }
            else
            {
                check.Fail("token exp", CryptoFailureException.Describe(reason));
            }
        });
    }

    private static void CheckInputs(VectorCheck check, CryptoVectorInputs inputs)
    {
        check.EqualBytes("masterSecret_b64", Master(inputs), VectorCheck.Base64("inputs.masterSecret_b64", inputs.MasterSecretBase64));
        check.EqualBytes("dataEncryptionKey_b64", DataKey(inputs),
            VectorCheck.Base64("inputs.dataEncryptionKey_b64", inputs.DataEncryptionKeyBase64));
        check.EqualBytes("challenge_b64", VectorCheck.Hex("inputs.challenge_hex", inputs.ChallengeHex),
            VectorCheck.Base64("inputs.challenge_b64", inputs.ChallengeBase64));
        VectorCheck.Hex("inputs.wrapEphemeralSecret_hex", inputs.WrapEphemeralSecretHex, 32);
        VectorCheck.Hex("inputs.wrapNonce_hex", inputs.WrapNonceHex, BoxBundle.NonceLength);
        VectorCheck.Hex("inputs.gcmNonce_hex", inputs.GcmNonceHex, AesGcmEnvelope.NonceLength);
        VectorCheck.Hex("inputs.terminalBoxSecret_hex", inputs.TerminalBoxSecretHex, 32);
        VectorCheck.Hex("inputs.pairEphemeralSecret_hex", inputs.PairEphemeralSecretHex, 32);
        VectorCheck.Hex("inputs.pairNonce_hex", inputs.PairNonceHex, BoxBundle.NonceLength);
    }

    private static void CheckSecretbox(VectorCheck check, SecretboxVector vector)
    {
        var key = VectorCheck.Base64("key_b64", vector.KeyBase64, LegacySecretbox.KeyLength);
        if (LegacySecretbox.TryOpenBase64(vector.CiphertextBase64, key, out var plaintext, out var reason))
        {
            check.Equal("plaintext", vector.Plaintext, Encoding.UTF8.GetString(plaintext));
        }
        else
        {
            check.Fail("ciphertext_b64", $"does not open: {CryptoFailureException.Describe(reason)}");
        }

        if (vector.NonceHex is { } nonceHex)
        {
            var blob = VectorCheck.Base64("ciphertext_b64", vector.CiphertextBase64);
            check.EqualHex("nonce_hex", nonceHex, blob.AsSpan(0, Math.Min(LegacySecretbox.NonceLength, blob.Length)));
        }
    }

    private static byte[] Master(CryptoVectorInputs inputs) => VectorCheck.Hex("inputs.masterSecret_hex", inputs.MasterSecretHex, 32);

    private static byte[] DataKey(CryptoVectorInputs inputs) =>
        VectorCheck.Hex("inputs.dataEncryptionKey_hex", inputs.DataEncryptionKeyHex, WrappedDataKey.DataKeyLength);

    // The file names the key in words ("dataEncryptionKey", "masterSecret (used directly as AES key)").
    private static byte[] ResolveKey(string keyName, CryptoVectorInputs inputs)
    {
        if (keyName.StartsWith("dataEncryptionKey", StringComparison.Ordinal))
        {
            return DataKey(inputs);
        }

        if (keyName.StartsWith("masterSecret", StringComparison.Ordinal))
        {
            return Master(inputs);
        }

        throw new VectorFieldException($"key names no known key: \"{keyName}\" (expected dataEncryptionKey or masterSecret)");
    }

    private static CryptoVectorResult Run(string name, CryptoVectorKind kind, Action<VectorCheck> body)
    {
        var check = new VectorCheck();
        try
        {
            body(check);
        }
        catch (VectorFieldException ex)
        {
            check.Problem(ex.Message);
        }
        catch (CryptoFailureException ex)
        {
            check.Problem($"{ex.Reason}: {ex.Message}");
        }

        return check.Failures.Count == 0
            ? new CryptoVectorResult(name, kind, true, $"{check.Compared} value(s) match")
            : new CryptoVectorResult(name, kind, false, string.Join("; ", check.Failures));
    }
}
