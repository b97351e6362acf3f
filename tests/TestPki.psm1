# A test PKI shaped like Apple's, made at test time with .NET's CertificateRequest (never committed): a P-384 root,
# a P-384 intermediate carrying 1.2.840.113635.100.6.2.1, a P-256 leaf carrying 1.2.840.113635.100.6.11.1, and
# signed data made with the leaf's key (the test's own ECDsa, not the module's code). Variants for every way a chain
# can be wrong, and an OpenSSL OCSP responder for the online checks.
using namespace System.Security.Cryptography
using namespace System.Security.Cryptography.X509Certificates

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$script:LeafOid = '1.2.840.113635.100.6.11.1'
$script:IntermediateOid = '1.2.840.113635.100.6.2.1'

function New-TestCertificateRequest {
    param([string] $Subject, $Key, [HashAlgorithmName] $Hash, [bool] $Authority, [string[]] $Oid, [string] $OcspUrl)
    $request = [CertificateRequest]::new($Subject, $Key, $Hash)
    $request.CertificateExtensions.Add([X509BasicConstraintsExtension]::new($Authority, $false, 0, $true))
    $usage = if ($Authority) { [X509KeyUsageFlags]'KeyCertSign, CrlSign' } else { [X509KeyUsageFlags]::DigitalSignature }
    $request.CertificateExtensions.Add([X509KeyUsageExtension]::new($usage, $true))
    $request.CertificateExtensions.Add([X509SubjectKeyIdentifierExtension]::new($request.PublicKey, $false))
    foreach ($id in $Oid) {
        # Apple's marker extensions hold an ASN.1 NULL: their presence is what counts.
        $request.CertificateExtensions.Add([X509Extension]::new($id, [byte[]](5, 0), $false))
    }
    if ($OcspUrl) {
        $request.CertificateExtensions.Add([X509AuthorityInformationAccessExtension]::new([string[]]@($OcspUrl), $null, $false))
    }
    $request
}

function New-TestSerial {
    $bytes = [byte[]]::new(8)
    [RandomNumberGenerator]::Fill($bytes)
    $bytes[0] = $bytes[0] -band 0x7F -bor 0x10
    , $bytes
}

function New-TestAppleChain {
    <#
    .SYNOPSIS
        A root, intermediate and leaf like Apple's, with private keys. -Omit LeafOid/IntermediateOid drops a marker
        extension; -LeafNotAfter/-LeafNotBefore move the leaf's validity (an expired leaf); -IntermediateNotCa makes
        an intermediate without CA:TRUE; -OcspUrl/-RootOcspUrl put an OCSP responder in the AIA of leaf/intermediate.
        -Root reuses a root (and its key) from another chain, so several leaves share one trust anchor.
        Returns Root, Intermediate, Leaf (X509Certificate2 with keys), LeafKey (ECDsa), X5c (base64 DER, leaf first),
        RootCer (the root's DER bytes).
    #>
    param(
        [ValidateSet('LeafOid', 'IntermediateOid')] [string[]] $Omit = @(),
        [DateTimeOffset] $LeafNotBefore = [DateTimeOffset]::UtcNow.AddDays(-30),
        [DateTimeOffset] $LeafNotAfter = [DateTimeOffset]::UtcNow.AddDays(365),
        [switch] $IntermediateNotCa,
        [string] $OcspUrl,
        [string] $RootOcspUrl,
        [string] $Name = 'AppStoreJws Test',
        $Root
    )
    $notBefore = [DateTimeOffset]::UtcNow.AddYears(-5)
    $notAfter = [DateTimeOffset]::UtcNow.AddYears(10)
    if (-not $Root) {
        $rootKey = [ECDsa]::Create([ECCurve+NamedCurves]::nistP384)
        $Root = (New-TestCertificateRequest "CN=$Name Root CA, O=AppStoreJws Tests" $rootKey ([HashAlgorithmName]::SHA384) $true @() $null).CreateSelfSigned($notBefore, $notAfter)
    }
    $intermediateKey = [ECDsa]::Create([ECCurve+NamedCurves]::nistP384)
    $intermediateOids = @(if ('IntermediateOid' -notin $Omit) { $script:IntermediateOid })
    $intermediateRequest = New-TestCertificateRequest "CN=$Name Worldwide Developer Relations, O=AppStoreJws Tests" $intermediateKey ([HashAlgorithmName]::SHA384) (-not $IntermediateNotCa) $intermediateOids $RootOcspUrl
    $rootGenerator = [X509SignatureGenerator]::CreateForECDsa([ECDsaCertificateExtensions]::GetECDsaPrivateKey($Root))
    $intermediate = [ECDsaCertificateExtensions]::CopyWithPrivateKey($intermediateRequest.Create($Root.SubjectName, $rootGenerator, $notBefore.AddDays(1), $notAfter.AddDays(-1), (New-TestSerial)), $intermediateKey)
    $leafKey = [ECDsa]::Create([ECCurve+NamedCurves]::nistP256)
    $leafOids = @(if ('LeafOid' -notin $Omit) { $script:LeafOid })
    # Signed through generators (not Create(issuerCertificate)), which would refuse an issuer without CA:TRUE:
    # the intermediate without it must still sign a leaf.
    $leafRequest = New-TestCertificateRequest "CN=$Name App Store Receipt Signing, O=AppStoreJws Tests" $leafKey ([HashAlgorithmName]::SHA384) $false $leafOids $OcspUrl
    $generator = [X509SignatureGenerator]::CreateForECDsa($intermediateKey)
    $leaf = [ECDsaCertificateExtensions]::CopyWithPrivateKey($leafRequest.Create($intermediate.SubjectName, $generator, $LeafNotBefore, $LeafNotAfter, (New-TestSerial)), $leafKey)
    [pscustomobject]@{
        Root         = $Root
        Intermediate = $intermediate
        Leaf         = $leaf
        LeafKey      = $leafKey
        X5c          = @([Convert]::ToBase64String($leaf.RawData), [Convert]::ToBase64String($intermediate.RawData), [Convert]::ToBase64String($Root.RawData))
        RootCer      = $Root.RawData
    }
}

function ConvertTo-TestBase64Url {
    param([Parameter(Mandatory)] [byte[]] $Bytes)
    [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')
}

function New-TestSignedData {
    <#
    .SYNOPSIS
        A compact JWS as Apple makes it: header {"alg":"ES256","x5c":[…]}, the payload (a dictionary, or exact JSON
        text), signed r‖s with the chain's leaf key. -X5c replaces the header's chain (too short, too long, none with
        @()); -Header replaces the header; -Key signs with another key.
    #>
    param(
        [Parameter(Mandatory)] $Payload,
        [Parameter(Mandatory)] $Chain,
        [string[]] $X5c,
        $Header,
        [ECDsa] $Key
    )
    $headerObject = if ($Header) { $Header } else { [ordered]@{ alg = 'ES256'; x5c = @(if ($PSBoundParameters.ContainsKey('X5c')) { $X5c } else { $Chain.X5c }) } }
    $headerJson = if ($headerObject -is [string]) { $headerObject } else { $headerObject | ConvertTo-Json -Compress -Depth 5 }
    $payloadJson = if ($Payload -is [string]) { $Payload } else { $Payload | ConvertTo-Json -Compress -Depth 20 }
    $signingInput = (ConvertTo-TestBase64Url ([Text.Encoding]::UTF8.GetBytes($headerJson))) + '.' + (ConvertTo-TestBase64Url ([Text.Encoding]::UTF8.GetBytes($payloadJson)))
    $signer = if ($Key) { $Key } else { $Chain.LeafKey }
    $signature = $signer.SignData([Text.Encoding]::ASCII.GetBytes($signingInput), [HashAlgorithmName]::SHA256, [DSASignatureFormat]::IeeeP1363FixedFieldConcatenation)
    $signingInput + '.' + (ConvertTo-TestBase64Url $signature)
}

function ConvertTo-TestUnixMilliseconds {
    param([Parameter(Mandatory)] [DateTimeOffset] $Time)
    $Time.ToUnixTimeMilliseconds()
}

function New-TestTransactionPayload {
    <# A signed transaction's fields as Apple sends them (App Store Server API / notifications); -Change edits them. #>
    param([hashtable] $Change = @{}, [string] $BundleId = 'com.example.app', [string] $Environment = 'Sandbox')
    $now = [DateTimeOffset]::UtcNow
    $payload = [ordered]@{
        transactionId = '2000000123456789'; originalTransactionId = '2000000123456780'; webOrderLineItemId = '2000000012345678'
        bundleId = $BundleId; productId = 'com.example.premium.monthly'; subscriptionGroupIdentifier = '21345678'
        purchaseDate = $now.AddMinutes(-5).ToUnixTimeMilliseconds(); originalPurchaseDate = $now.AddDays(-40).ToUnixTimeMilliseconds()
        expiresDate = $now.AddDays(30).ToUnixTimeMilliseconds(); quantity = 1; type = 'Auto-Renewable Subscription'
        inAppOwnershipType = 'PURCHASED'; signedDate = $now.AddMinutes(-1).ToUnixTimeMilliseconds(); environment = $Environment
        transactionReason = 'RENEWAL'; storefront = 'USA'; storefrontId = '143441'; price = 4990; currency = 'USD'
        appTransactionId = '704289572311355393'
    }
    foreach ($name in $Change.Keys) { $payload[$name] = $Change[$name] }
    $payload
}

function New-TestRenewalInfoPayload {
    param([hashtable] $Change = @{}, [string] $Environment = 'Sandbox')
    $now = [DateTimeOffset]::UtcNow
    $payload = [ordered]@{
        originalTransactionId = '2000000123456780'; autoRenewProductId = 'com.example.premium.monthly'; productId = 'com.example.premium.monthly'
        autoRenewStatus = 1; signedDate = $now.AddMinutes(-1).ToUnixTimeMilliseconds(); environment = $Environment
        recentSubscriptionStartDate = $now.AddDays(-40).ToUnixTimeMilliseconds(); renewalDate = $now.AddDays(30).ToUnixTimeMilliseconds()
        appTransactionId = '704289572311355393'
    }
    foreach ($name in $Change.Keys) { $payload[$name] = $Change[$name] }
    $payload
}

function New-TestNotificationPayload {
    <#
    .SYNOPSIS
        A notification (DID_RENEW by default) whose data carries signedTransactionInfo and signedRenewalInfo signed by
        the same chain, as Apple sends them; -Data adds or replaces members of data.
    #>
    param([Parameter(Mandatory)] $Chain, [string] $Type = 'DID_RENEW', [string] $BundleId = 'com.example.app', [string] $Environment = 'Sandbox', [long] $AppAppleId = 1234567890, [hashtable] $Data = @{})
    $section = [ordered]@{
        appAppleId = $AppAppleId; bundleId = $BundleId; bundleVersion = '42'; environment = $Environment
        signedTransactionInfo = New-TestSignedData -Chain $Chain -Payload (New-TestTransactionPayload -BundleId $BundleId -Environment $Environment)
        signedRenewalInfo = New-TestSignedData -Chain $Chain -Payload (New-TestRenewalInfoPayload -Environment $Environment)
        status = 1
    }
    foreach ($name in $Data.Keys) { $section[$name] = $Data[$name] }
    [ordered]@{
        notificationType = $Type; subtype = 'BILLING_RECOVERY'; notificationUUID = [guid]::NewGuid().ToString()
        data = $section; version = '2.0'; signedDate = [DateTimeOffset]::UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds()
    }
}

function Write-TestPem {
    <# Writes a certificate (and, with -Key, its private key) as PEM files for OpenSSL. #>
    param([Parameter(Mandatory)] [X509Certificate2] $Certificate, [Parameter(Mandatory)] [string] $Path, [string] $KeyPath)
    [IO.File]::WriteAllText($Path, $Certificate.ExportCertificatePem() + "`n")
    if ($KeyPath) {
        $key = [ECDsaCertificateExtensions]::GetECDsaPrivateKey($Certificate)
        [IO.File]::WriteAllText($KeyPath, $key.ExportPkcs8PrivateKeyPem() + "`n")
    }
}

function Get-TestFreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-TestOcspResponder {
    <#
    .SYNOPSIS
        Runs `openssl ocsp` on 127.0.0.1:<Port> for certificates issued by -Issuer (which also signs the answers),
        with an index listing -Good and -Revoked certificates. It stops by itself after -Seconds; Stop-TestOcspResponder
        stops it earlier. Returns the process and its URL.
    #>
    param(
        [Parameter(Mandatory)] [X509Certificate2] $Issuer,
        [X509Certificate2[]] $Good = @(),
        [X509Certificate2[]] $Revoked = @(),
        [Parameter(Mandatory)] [string] $Folder,
        [Parameter(Mandatory)] [int] $Port,
        [int] $Seconds = 300
    )
    $name = "ocsp-$Port"
    $caPath = Join-Path $Folder "$name-ca.pem"
    $keyPath = Join-Path $Folder "$name-ca.key"
    $indexPath = Join-Path $Folder "$name-index.txt"
    Write-TestPem -Certificate $Issuer -Path $caPath -KeyPath $keyPath
    $format = { param($time) $time.ToUniversalTime().ToString('yyMMddHHmmss') + 'Z' }
    $lines = @(
        foreach ($certificate in $Good) { "V`t$(& $format $certificate.NotAfter)`t`t$($certificate.SerialNumber)`tunknown`t/CN=good" }
        foreach ($certificate in $Revoked) { "R`t$(& $format $certificate.NotAfter)`t$(& $format ([DateTime]::UtcNow.AddHours(-1)))`t$($certificate.SerialNumber)`tunknown`t/CN=revoked" }
    )
    [IO.File]::WriteAllText($indexPath, (($lines -join "`n") + "`n"))
    $arguments = @('ocsp', '-index', $indexPath, '-port', "127.0.0.1:$Port", '-rsigner', $caPath, '-rkey', $keyPath, '-CA', $caPath, '-nmin', '10', '-ignore_err')
    $process = Start-Process -FilePath timeout -ArgumentList (@("$Seconds", 'openssl') + $arguments) -PassThru -RedirectStandardOutput (Join-Path $Folder "$name.out") -RedirectStandardError (Join-Path $Folder "$name.err")
    # Ready when it accepts connections.
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while ([DateTime]::UtcNow -lt $deadline) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $Port); break } catch { Start-Sleep -Milliseconds 100 } finally { $client.Dispose() }
    }
    [pscustomobject]@{ Process = $process; Url = "http://127.0.0.1:$Port"; Port = $Port }
}

function Stop-TestOcspResponder {
    param([Parameter(Mandatory)] $Responder)
    if (-not $Responder.Process.HasExited) {
        # timeout forwards the signal to openssl, so both end.
        $Responder.Process.Kill($true)
        $Responder.Process.WaitForExit(5000) | Out-Null
    }
}

Export-ModuleMember -Function New-TestAppleChain, New-TestSignedData, New-TestTransactionPayload, New-TestRenewalInfoPayload, New-TestNotificationPayload, Write-TestPem, Get-TestFreePort, Start-TestOcspResponder, Stop-TestOcspResponder, ConvertTo-TestBase64Url, ConvertTo-TestUnixMilliseconds
