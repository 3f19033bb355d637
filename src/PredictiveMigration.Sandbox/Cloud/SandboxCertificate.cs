using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PredictiveMigration.Sandbox.Cloud;

/// <summary>
/// The sandbox cloud's TLS certificate, generated at start for 127.0.0.1 and localhost. Clients trust exactly this
/// certificate (by thumbprint), never "any certificate": the ARM SDK refuses bearer tokens over plain HTTP anyway.
/// </summary>
public static class SandboxCertificate
{
    public static X509Certificate2 Create(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PredictiveMigration sandbox cloud", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        // Re-import so the private key is usable by Kestrel on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
    }
}
