package io.liveswap.updates.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import io.liveswap.api.Reason;

/**
 * Which update bundles may be applied: with a trust store, only jars whose every entry is signed (standard jar
 * signing) by a signer whose certificate, or a certificate in its chain, is in the trust store and currently valid;
 * without one, any jar (the platform says so loudly at start-up).
 */
public final class TrustPolicy {

    private final List<X509Certificate> trusted;
    private final String source;

    private TrustPolicy(List<X509Certificate> trusted, String source) {
        this.trusted = trusted;
        this.source = source;
    }

    /** Accepts unsigned update bundles. */
    public static TrustPolicy acceptUnsigned() {
        return new TrustPolicy(null, null);
    }

    /**
     * @param store a key store file (PKCS12 or JKS) holding the trusted certificates
     * @param password its password, or {@code null}
     * @throws IOException naming the file and what is wrong with it
     */
    public static TrustPolicy trustStore(Path store, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
            keys.load(in, password);
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(keys.aliases())) {
                if (keys.getCertificate(alias) instanceof X509Certificate certificate) {
                    certificates.add(certificate);
                }
            }
            if (certificates.isEmpty()) {
                throw new IOException("trust store " + store + " holds no certificate");
            }
            return new TrustPolicy(List.copyOf(certificates), store.toString());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read trust store " + store + ": " + e.getMessage(), e);
        }
    }

    /** @return whether unsigned jars are accepted */
    public boolean acceptsUnsigned() {
        return trusted == null;
    }

    /**
     * Checks the signatures of a jar whose entries were all read already (reading verifies their digests).
     *
     * @throws InvalidUpdateException naming why the jar is not trusted
     */
    void check(String name, JarFile jar) throws InvalidUpdateException {
        if (trusted == null) {
            return;
        }
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                continue;
            }
            java.security.CodeSigner[] signers = entry.getCodeSigners();
            if (signers == null || signers.length == 0) {
                throw new InvalidUpdateException(Reason.UNSIGNED, name + " is not signed (entry " + entry.getName()
                        + " has no"
                        + " signature) and this platform only applies updates signed by a signer in " + source
                        + ". Sign it with jarsigner and a trusted key");
            }
            checkSigners(name, entry.getName(), signers);
        }
    }

    private void checkSigners(String name, String entry, java.security.CodeSigner[] signers)
            throws InvalidUpdateException {
        String untrusted = null;
        for (java.security.CodeSigner signer : signers) {
            CertPath path = signer.getSignerCertPath();
            for (Certificate certificate : path.getCertificates()) {
                if (trusted.contains(certificate)) {
                    X509Certificate signing = (X509Certificate) path.getCertificates().get(0);
                    try {
                        signing.checkValidity();
                        return;
                    } catch (CertificateExpiredException e) {
                        throw new InvalidUpdateException(Reason.SIGNATURE_EXPIRED, name + " is signed by "
                                + subject(signing) + ", whose"
                                + " certificate expired on " + signing.getNotAfter() + "; sign it again with a"
                                + " valid certificate");
                    } catch (CertificateNotYetValidException e) {
                        throw new InvalidUpdateException(Reason.SIGNATURE_NOT_YET_VALID, name + " is signed by "
                                + subject(signing) + ", whose"
                                + " certificate is not valid before " + signing.getNotBefore());
                    }
                }
            }
            untrusted = subject((X509Certificate) path.getCertificates().get(0));
        }
        throw new InvalidUpdateException(Reason.UNTRUSTED, name + " is signed by " + untrusted
                + ", who is not trusted (entry "
                + entry + "): add that signer's certificate to " + source + " or sign with a trusted key");
    }

    private static String subject(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "'";
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("META-INF/") && (upper.endsWith(".SF") || upper.endsWith(".RSA")
                || upper.endsWith(".DSA") || upper.endsWith(".EC") || upper.startsWith("META-INF/SIG-"))
                || upper.equals("META-INF/MANIFEST.MF") || upper.equals("META-INF/");
    }
}
