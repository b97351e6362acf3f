# A test PKI shaped like Apple's, made at test time with .NET's CertificateRequest (never committed): a P-384 root,
# a P-384 intermediate carrying 1.2.840.113635.100.6.2.1, a P-256 leaf carrying 1.2.840.113635.100.6.11.1, and
# signed data made with the leaf's key (the test's own ECDsa, not the module's code). Variants for every way a chain
# can be wrong, and an OpenSSL OCSP responder for the online checks.
using namespace System.Security.Cryptography
using namespace System.Security.Cryptography.X509Certificates

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Base64url comes from the shared helpers; without -Force, a copy the test file already imported stays as it is.
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')

$script:LeafOid = '1.2.840.113635.100.6.11.1'
$script:IntermediateOid = '1.2.840.113635.100.6.2.1'

function New-TestCertificateRequest {
    param([string] $Subject, $Key, [HashAlgorithmName] $Hash, [bool] $Authority, [string[]] $Oid, [string] $OcspUrl)
    $name = $Subject
    if ($Subject -match '\p{Cc}' -and $Subject -match '^CN=(.*), O=(.*)$') {
        # Control characters in a name (a hostile certificate's) cannot be parsed from text: build it.
        $builder = [X500DistinguishedNameBuilder]::new()
        $builder.AddOrganizationName($Matches[2])
        $builder.AddCommonName($Matches[1])
        $name = $builder.Build()
    }
    $request = [CertificateRequest]::new($name, $Key, $Hash)
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

function New-TestOidCollection {
    param([string[]] $Oid)
    $collection = [OidCollection]::new()
    foreach ($value in $Oid) { $null = $collection.Add([Oid]::new($value)) }
    , $collection
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
        -Root reuses a root (and its key) from another chain, so several leaves share one trust anchor;
        -SameIntermediateAs reuses another chain's root and intermediate, so two leaves share an issuer; -LeafCurveOid
        names another curve in the leaf's key (an unknown one, 1.3.132.0.99, which no platform can read), the rest intact.
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
        [string] $LeafCurveOid,
        $Root,
        $SameIntermediateAs
    )
    $notBefore = [DateTimeOffset]::UtcNow.AddYears(-5)
    $notAfter = [DateTimeOffset]::UtcNow.AddYears(10)
    if (-not $Root -and -not $SameIntermediateAs) {
        $rootKey = [ECDsa]::Create([ECCurve+NamedCurves]::nistP384)
        $Root = (New-TestCertificateRequest "CN=$Name Root CA, O=AppStoreJws Tests" $rootKey ([HashAlgorithmName]::SHA384) $true @() $null).CreateSelfSigned($notBefore, $notAfter)
    }
    if ($SameIntermediateAs) {
        $Root = $SameIntermediateAs.Root
        $intermediate = $SameIntermediateAs.Intermediate
        $intermediateKey = [ECDsaCertificateExtensions]::GetECDsaPrivateKey($intermediate)
    }
    else {
        $intermediateKey = [ECDsa]::Create([ECCurve+NamedCurves]::nistP384)
        $intermediateOids = @(if ('IntermediateOid' -notin $Omit) { $script:IntermediateOid })
        $intermediateRequest = New-TestCertificateRequest "CN=$Name Worldwide Developer Relations, O=AppStoreJws Tests" $intermediateKey ([HashAlgorithmName]::SHA384) (-not $IntermediateNotCa) $intermediateOids $RootOcspUrl
        $rootGenerator = [X509SignatureGenerator]::CreateForECDsa([ECDsaCertificateExtensions]::GetECDsaPrivateKey($Root))
        $intermediate = [ECDsaCertificateExtensions]::CopyWithPrivateKey($intermediateRequest.Create($Root.SubjectName, $rootGenerator, $notBefore.AddDays(1), $notAfter.AddDays(-1), (New-TestSerial)), $intermediateKey)
    }
    $leafKey = [ECDsa]::Create([ECCurve+NamedCurves]::nistP256)
    $leafOids = @(if ('LeafOid' -notin $Omit) { $script:LeafOid })
    # Signed through generators (not Create(issuerCertificate)), which would refuse an issuer without CA:TRUE:
    # the intermediate without it must still sign a leaf.
    $leafPublicKey = if ($LeafCurveOid) { New-TestEcPublicKey -Key $leafKey -CurveOid $LeafCurveOid } else { $leafKey }
    $leafRequest = New-TestCertificateRequest "CN=$Name App Store Receipt Signing, O=AppStoreJws Tests" $leafPublicKey ([HashAlgorithmName]::SHA384) $false $leafOids $OcspUrl
    $generator = [X509SignatureGenerator]::CreateForECDsa($intermediateKey)
    $leaf = $leafRequest.Create($intermediate.SubjectName, $generator, $LeafNotBefore, $LeafNotAfter, (New-TestSerial))
    # A key on a curve no platform knows cannot be attached; such a leaf signs through LeafKey alone.
    if (-not $LeafCurveOid) { $leaf = [ECDsaCertificateExtensions]::CopyWithPrivateKey($leaf, $leafKey) }
    [pscustomobject]@{
        Root         = $Root
        Intermediate = $intermediate
        Leaf         = $leaf
        LeafKey      = $leafKey
        X5c          = @([Convert]::ToBase64String($leaf.RawData), [Convert]::ToBase64String($intermediate.RawData), [Convert]::ToBase64String($Root.RawData))
        RootCer      = $Root.RawData
    }
}

function New-TestEcPublicKey {
    # The key's point under another curve's OID: a SubjectPublicKeyInfo that parses as ASN.1 but names a curve of its own.
    param([ECDsa] $Key, [string] $CurveOid)
    $point = $Key.ExportParameters($false).Q
    $writer = [System.Formats.Asn1.AsnWriter]::new([System.Formats.Asn1.AsnEncodingRules]::DER)
    $null = $writer.PushSequence()
    $null = $writer.PushSequence()
    $writer.WriteObjectIdentifier('1.2.840.10045.2.1')
    $writer.WriteObjectIdentifier($CurveOid)
    $writer.PopSequence()
    $writer.WriteBitString([byte[]](@(4) + $point.X + $point.Y))
    $writer.PopSequence()
    [int] $read = 0
    [PublicKey]::CreateFromSubjectPublicKeyInfo($writer.Encode(), [ref] $read)
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
    $signingInput = (ConvertTo-Base64Url $headerJson) + '.' + (ConvertTo-Base64Url $payloadJson)
    $signer = if ($Key) { $Key } else { $Chain.LeafKey }
    $signature = $signer.SignData([Text.Encoding]::ASCII.GetBytes($signingInput), [HashAlgorithmName]::SHA256, [DSASignatureFormat]::IeeeP1363FixedFieldConcatenation)
    $signingInput + '.' + (ConvertTo-Base64Url $signature)
}

function New-TestTransaction {
    <# A transaction signed by -Chain (from New-TestAppleChain), with the payload changed by -Change and, if given, another x5c. #>
    param([Parameter(Mandatory)] $Chain, [hashtable] $Change = @{}, [string[]] $X5c)
    $arguments = @{ Chain = $Chain; Payload = (New-TestTransactionPayload -Change $Change) }
    if ($PSBoundParameters.ContainsKey('X5c')) { $arguments.X5c = $X5c }
    New-TestSignedData @arguments
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
        Serves OCSP for certificates issued by -Issuer on 127.0.0.1:<Port>, with an index listing -Good and -Revoked
        certificates, answers signed by a responder certificate the issuer delegated (or, with -SignWithIssuer, by
        the issuer itself): OpenSSL answers each request (tests/OcspResponder.ps1). It
        stops by itself after -Seconds; Stop-TestOcspResponder stops it earlier. Returns the process and its URL.
    #>
    param(
        [Parameter(Mandatory)] [X509Certificate2] $Issuer,
        [X509Certificate2[]] $Good = @(),
        [X509Certificate2[]] $Revoked = @(),
        [Parameter(Mandatory)] [string] $Folder,
        [Parameter(Mandatory)] [int] $Port,
        [int] $Seconds = 300,
        [switch] $SignWithIssuer
    )
    $name = "ocsp-$Port"
    $caPath = Join-Path $Folder "$name-ca.pem"
    $signerPath = Join-Path $Folder "$name-signer.pem"
    $keyPath = Join-Path $Folder "$name-signer.key"
    $indexPath = Join-Path $Folder "$name-index.txt"
    Write-TestPem -Certificate $Issuer -Path $caPath
    if ($SignWithIssuer) {
        Write-TestPem -Certificate $Issuer -Path $signerPath -KeyPath $keyPath
    }
    else {
        # Apple's responders sign with a certificate the CA issued for OCSP signing (id-kp-OCSPSigning), as here.
        $signerKey = [ECDsa]::Create([ECCurve+NamedCurves]::nistP256)
        $request = [CertificateRequest]::new("CN=$($Issuer.GetNameInfo('SimpleName', $false)) OCSP Responder, O=AppStoreJws Tests", $signerKey, [HashAlgorithmName]::SHA256)
        $request.CertificateExtensions.Add([X509BasicConstraintsExtension]::new($false, $false, 0, $true))
        $request.CertificateExtensions.Add([X509EnhancedKeyUsageExtension]::new((New-TestOidCollection "1.3.6.1.5.5.7.3.9"), $false))
        $generator = [X509SignatureGenerator]::CreateForECDsa([ECDsaCertificateExtensions]::GetECDsaPrivateKey($Issuer))
        $signer = [ECDsaCertificateExtensions]::CopyWithPrivateKey($request.Create($Issuer.SubjectName, $generator, [DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30), (New-TestSerial)), $signerKey)
        Write-TestPem -Certificate $signer -Path $signerPath -KeyPath $keyPath
    }
    $format = { param($time) $time.ToUniversalTime().ToString('yyMMddHHmmss') + 'Z' }
    $lines = @(
        foreach ($certificate in $Good) { "V`t$(& $format $certificate.NotAfter)`t`t$($certificate.SerialNumber)`tunknown`t/CN=good" }
        foreach ($certificate in $Revoked) { "R`t$(& $format $certificate.NotAfter)`t$(& $format ([DateTime]::UtcNow.AddHours(-1)))`t$($certificate.SerialNumber)`tunknown`t/CN=revoked" }
    )
    [IO.File]::WriteAllText($indexPath, (($lines -join "`n") + "`n"))
    Start-TestResponderProcess -Folder $Folder -Port $Port -Name $name -Arguments @('-IndexPath', $indexPath, '-CaPath', $caPath, '-SignerPath', $signerPath, '-KeyPath', $keyPath, '-Seconds', $Seconds)
}

function Start-TestHostileOcspResponder {
    <#
    .SYNOPSIS
        A responder on 127.0.0.1:<Port> that answers every request with -Body (200) or with a 302 to -RedirectTo, as an
        on-path attacker could (OCSP is plain HTTP). Stops by itself after -Seconds. Returns what Start-TestOcspResponder does.
    #>
    param([Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [int] $Port, [byte[]] $Body, [string] $RedirectTo, [int] $Seconds = 120)
    $name = "hostile-$Port"
    $arguments = if ($RedirectTo) { @('-RedirectTo', $RedirectTo) } else {
        $bodyPath = Join-Path $Folder "$name.der"
        [IO.File]::WriteAllBytes($bodyPath, $Body)
        @('-FixedResponsePath', $bodyPath)
    }
    Start-TestResponderProcess -Folder $Folder -Port $Port -Name $name -Arguments ($arguments + @('-Seconds', $Seconds))
}

function Start-TestResponderProcess {
    param([string] $Folder, [int] $Port, [string] $Name, [object[]] $Arguments)
    $script = Join-Path $PSScriptRoot 'OcspResponder.ps1'
    $pwsh = [Environment]::ProcessPath
    $prefix = if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { @([Environment]::GetCommandLineArgs()[0]) } else { @() }
    $all = @($prefix) + @('-NoProfile', '-NonInteractive', '-File', $script, '-Port', $Port, '-WorkFolder', $Folder) + $Arguments
    # The child's HOME and XDG folders are the test's, so nothing it writes lands in the user's own.
    $environment = @{ HOME = $Folder; XDG_CONFIG_HOME = $Folder; XDG_DATA_HOME = $Folder; XDG_CACHE_HOME = $Folder }
    $process = Start-Process -FilePath $pwsh -ArgumentList $all -Environment $environment -PassThru -RedirectStandardOutput (Join-Path $Folder "$Name.out") -RedirectStandardError (Join-Path $Folder "$Name.err")
    # Ready when it accepts connections.
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    $ready = $false
    while (-not $ready -and [DateTime]::UtcNow -lt $deadline -and -not $process.HasExited) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $Port); $ready = $true } catch { Start-Sleep -Milliseconds 200 } finally { $client.Dispose() }
    }
    if (-not $ready) { throw "The test responder did not start on port ${Port}: $(Get-Content -LiteralPath (Join-Path $Folder "$Name.err") -Raw)" }
    [pscustomobject]@{ Process = $process; Url = "http://127.0.0.1:$Port"; Port = $Port }
}

function Stop-TestOcspResponder {
    param([Parameter(Mandatory)] $Responder)
    if (-not $Responder.Process.HasExited) {
        $Responder.Process.Kill()
        $Responder.Process.WaitForExit(10000) | Out-Null
    }
}

function New-TestSignedDataExampleFile {
    <#
    .SYNOPSIS
        The files the signed-data docs examples read, in -Folder: test-root.cer (a test chain's root), notification.json
        (a notification body, {"signedPayload": …}, signed by that chain), notifications/ (three more bodies), and
        Apple's renewal-info.jws and xcode-transaction.jws, copied from Apple's test vectors at run time when -Vectors
        names them (Get-AppleTestData finds them).
    #>
    param([Parameter(Mandatory)] [string] $Folder, [string] $Vectors)
    $chain = New-TestAppleChain
    [IO.File]::WriteAllBytes((Join-Path $Folder 'test-root.cer'), $chain.RootCer)
    $body = { param($type) @{ signedPayload = (New-TestSignedData -Chain $chain -Payload (New-TestNotificationPayload -Chain $chain -Type $type)) } | ConvertTo-Json }
    [IO.File]::WriteAllText((Join-Path $Folder 'notification.json'), (& $body 'DID_RENEW'))
    $saved = New-Item -ItemType Directory -Path (Join-Path $Folder 'notifications')
    foreach ($type in 'SUBSCRIBED', 'DID_RENEW', 'DID_CHANGE_RENEWAL_STATUS') {
        [IO.File]::WriteAllText((Join-Path $saved.FullName "$type.json"), (& $body $type))
    }
    if ($Vectors) {
        Copy-Item -LiteralPath (Join-Path $Vectors 'real/renewal-info-sandbox-2023.jws') -Destination (Join-Path $Folder 'renewal-info.jws')
        Copy-Item -LiteralPath (Join-Path $Vectors 'xcode/xcode-signed-transaction') -Destination (Join-Path $Folder 'xcode-transaction.jws')
    }
}

Export-ModuleMember -Function Start-TestHostileOcspResponder, New-TestSignedDataExampleFile, New-TestAppleChain, New-TestSignedData, New-TestTransaction, New-TestTransactionPayload, New-TestRenewalInfoPayload, New-TestNotificationPayload, Write-TestPem, Get-TestFreePort, Start-TestOcspResponder, Stop-TestOcspResponder, ConvertTo-TestUnixMilliseconds
