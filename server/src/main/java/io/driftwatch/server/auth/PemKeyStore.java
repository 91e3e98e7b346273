package io.driftwatch.server.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's TLS identity read from PEM files with the JDK only: a certificate chain ({@code CERTIFICATE} blocks,
 * the server's own first) and an unencrypted PKCS#8 private key ({@code PRIVATE KEY}, RSA or EC), put into an
 * in-memory PKCS#12 {@link KeyStore} under a random password that never leaves the process.
 *
 * @param keyStore the key store holding the key and its chain under {@link #ALIAS}
 * @param password the key store's and the key's password
 */
public record PemKeyStore(KeyStore keyStore, char[] password) {
    /** The alias of the server's key in {@link #keyStore}. */
    public static final String ALIAS = "driftwatch";
    private static final Pattern KEY_BLOCK =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    /**
     * Reads {@code certFile} and {@code keyFile}.
     *
     * @throws IllegalArgumentException naming the file and the problem: unreadable, no certificate, not PKCS#8,
     *                                  not RSA/EC, or a key that does not belong to the certificate
     */
    public static PemKeyStore load(Path certFile, Path keyFile) {
        List<Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        requireMatch(chain.getFirst(), key, certFile, keyFile);
        try {
            char[] password = randomPassword();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
            return new PemKeyStore(ks, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS key store: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("--tls-cert " + file.getFileName() + ": no PEM certificate in it");
            }
            return chain;
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-cert " + file.getFileName() + ": cannot read it ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("--tls-cert " + file.getFileName()
                    + ": not a PEM X.509 certificate chain (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-key " + file.getFileName() + ": cannot read it ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        Matcher m = KEY_BLOCK.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("--tls-key " + file.getFileName() + ": no unencrypted PKCS#8 "
                    + "'BEGIN PRIVATE KEY' block (convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // try the next algorithm
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " keys unsupported by this JDK", e);
            }
        }
        throw new IllegalArgumentException("--tls-key " + file.getFileName() + ": neither an RSA nor an EC key");
    }

    /** Signs a probe with the key and verifies it with the certificate: a key of another certificate is refused. */
    private static void requireMatch(Certificate cert, PrivateKey key, Path certFile, Path keyFile) {
        String alg = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "driftwatch-tls-probe".getBytes(StandardCharsets.US_ASCII);
        boolean ok;
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            ok = v.verify(sig);
        } catch (GeneralSecurityException e) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException("--tls-key " + keyFile.getFileName() + " is not the private key of "
                    + "the first certificate in --tls-cert " + certFile.getFileName());
        }
    }

    private static char[] randomPassword() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b).toCharArray();
    }
}
