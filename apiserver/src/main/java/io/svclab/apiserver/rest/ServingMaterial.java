package io.svclab.apiserver.rest;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What the HTTPS front door needs, made once per data dir and reused on every start (so a
 * kubeconfig handed out stays valid): a CA, a serving certificate it signs for 127.0.0.1 and
 * localhost, and the admin bearer token. Files live in {@code <data>/pki/}, keys readable by the
 * owner only.
 */
public record ServingMaterial(String caCertPem, String servingCertPem, String servingKeyPem, String token) {
  private static final Duration VALIDITY = Duration.ofDays(3650);

  public static ServingMaterial loadOrCreate(Path dataDir) throws IOException {
    Path pki = dataDir.resolve("pki");
    Path caCert = pki.resolve("ca.crt");
    Path cert = pki.resolve("apiserver.crt");
    Path key = pki.resolve("apiserver.key");
    Path token = pki.resolve("admin.token");
    if (Files.exists(caCert) && Files.exists(cert) && Files.exists(key) && Files.exists(token)) {
      return new ServingMaterial(Files.readString(caCert), Files.readString(cert), Files.readString(key),
          Files.readString(token).trim());
    }
    Files.createDirectories(pki);
    Created m = create(new SecureRandom());
    writePrivate(pki.resolve("ca.key"), m.caKeyPem);
    Files.writeString(caCert, m.material.caCertPem());
    Files.writeString(cert, m.material.servingCertPem());
    writePrivate(key, m.material.servingKeyPem());
    writePrivate(token, m.material.token() + "\n");
    return m.material;
  }

  private record Created(ServingMaterial material, String caKeyPem) {}

  private static void writePrivate(Path p, String text) throws IOException {
    Files.writeString(p, text);
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the data dir's own permissions are all there is
    }
  }

  private static Created create(SecureRandom random) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(256, random);
      KeyPair ca = gen.generateKeyPair();
      KeyPair serving = gen.generateKeyPair();
      Instant now = Instant.now();
      Date from = Date.from(now.minus(Duration.ofHours(1)));
      Date to = Date.from(now.plus(VALIDITY));
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

      X500Name caName = new X500Name("CN=svclab-ca");
      JcaX509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(random), from, to, caName,
          ca.getPublic());
      caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
          | KeyUsage.digitalSignature));
      caBuilder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
      X509Certificate caCert = sign(caBuilder, ca.getPrivate());

      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, serial(random), from, to,
          new X500Name("CN=svclab-apiserver"), serving.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
      X509Certificate servingCert = sign(b, ca.getPrivate());

      byte[] tokenBytes = new byte[32];
      random.nextBytes(tokenBytes);
      ServingMaterial m = new ServingMaterial(pem(caCert), pem(servingCert), pem(serving.getPrivate()),
          HexFormat.of().formatHex(tokenBytes));
      return new Created(m, pem(ca.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the apiserver's certificates: " + e.getMessage(), e);
    }
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(64, random).add(BigInteger.ONE);
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key) throws Exception {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    X509CertificateHolder holder = b.build(signer);
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      // keys as PKCS#8 ("PRIVATE KEY"), the form every TLS stack reads
      pw.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
    }
    return w.toString();
  }

  /** The serving key as a JCA key (Netty's SslContextBuilder takes it directly). */
  public PrivateKey servingKey() {
    try (PEMParser p = new PEMParser(new StringReader(servingKeyPem))) {
      Object o = p.readObject();
      JcaPEMKeyConverter c = new JcaPEMKeyConverter();
      return o instanceof PEMKeyPair kp ? c.getKeyPair(kp).getPrivate()
          : c.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) o);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable apiserver key: " + e.getMessage(), e);
    }
  }

  /** The serving certificate as a JCA certificate. */
  public X509Certificate servingCertificate() {
    try (PEMParser p = new PEMParser(new StringReader(servingCertPem))) {
      return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) p.readObject());
    } catch (Exception e) {
      throw new IllegalStateException("unreadable apiserver certificate: " + e.getMessage(), e);
    }
  }
}
