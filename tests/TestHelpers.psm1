# Helpers shared by the Pester test files: test keys made at test time, base64url, the legacy signature's message,
# check and error-id lookups, and signature checks with the .NET framework's ECDsa (not the module's code).
# Each is defined here once: a test file that needs one imports this module rather than writing its own.
using namespace System.Security.Cryptography

Set-StrictMode -Version Latest

$script:IssuerId = '57246542-96fe-1a63-e053-0824d011072a'

function Get-TestIssuerId { $script:IssuerId }

function New-TestEcdsa {
    param([ECCurve] $Curve = [ECCurve+NamedCurves]::nistP256)
    [ECDsa]::Create($Curve)
}

function Get-AppleTestData {
    <#
    The folder beside the repository that holds Apple's own test vectors (apple-test-vectors/) and reference copy of
    Apple Root CA - G3 (reference/), or $null when this checkout has none: they may be read there but never copied
    into the repository. Tests that need them are skipped without them; build.ps1 refuses to run without them when
    APPSTOREJWS_REQUIRE_APPLE_DATA is set, as CI does.
    #>
    $path = Join-Path $env:APPSTOREJWS_REPO '../shared'
    if (Test-Path -LiteralPath (Join-Path $path 'apple-test-vectors') -PathType Container) { (Resolve-Path -LiteralPath $path).Path }
}

function New-TestFolder {
    <# A new empty folder under the system temp folder, for one test file or test. #>
    New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "appstorejws-test-$([guid]::NewGuid())") -Force
}

function Remove-TestFolder {
    <# Removes a folder made by New-TestFolder, and refuses anything else: a cleanup must never reach outside the temp folder. #>
    param([Parameter(Mandatory)] [AllowNull()] $Folder)
    if ($null -eq $Folder) { return }
    $path = [IO.Path]::GetFullPath("$Folder")
    $temp = [IO.Path]::GetFullPath([IO.Path]::GetTempPath())
    if (-not ([IO.Path]::GetFileName($path) -like 'appstorejws-test-*' -and $path.StartsWith($temp, [StringComparison]::Ordinal))) {
        throw "Refusing to remove '$path': not a folder made by New-TestFolder."
    }
    Remove-Item -LiteralPath $path -Recurse -Force -ErrorAction SilentlyContinue
}

function New-TestKeyPem {
    <# A fresh P-256 private key as PKCS#8 PEM, made by .NET: never committed to the repo. #>
    (New-TestEcdsa).ExportPkcs8PrivateKeyPem()
}

function New-TestKeyFile {
    param([Parameter(Mandatory)] [string] $Folder, [string] $KeyId = 'ABCDE12345', [string] $Pem = (New-TestKeyPem))
    $path = Join-Path $Folder "AuthKey_$KeyId.p8"
    [IO.File]::WriteAllText($path, $Pem)
    $path
}

function ConvertFrom-Base64Url {
    param([Parameter(Mandatory, ValueFromPipeline)] [string] $Text)
    process {
        $padded = $Text.Replace('-', '+').Replace('_', '/')
        switch ($padded.Length % 4) { 2 { $padded += '==' } 3 { $padded += '=' } }
        , [Convert]::FromBase64String($padded)
    }
}

function ConvertTo-Base64Url {
    <# Base64url without padding (RFC 7515) of bytes, or of a string's UTF-8. #>
    param([Parameter(Mandatory, Position = 0)] [AllowNull()] [AllowEmptyString()] [object] $InputObject)
    # Assigned, not the output of an if: output would unroll an empty array to $null.
    [byte[]] $bytes = [Text.Encoding]::UTF8.GetBytes([string]$InputObject)
    if ($InputObject -is [byte[]]) { $bytes = $InputObject }
    [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_')
}

function Get-UuidV4Pattern {
    <# The regular expression of a lowercase UUID version 4, the form every nonce the module makes has. #>
    '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
}

function Get-V1Message {
    <#
    The message a legacy (v1) promotional offer signature signs (docs/WireFormat.md): the seven fields joined by U+2063,
    built here rather than taken from the module. The app account token and nonce are lowercased as Apple's format
    says; -AsGiven keeps them as given, for a signer that makes that mistake or values already read back.
    #>
    param([string] $BundleId = 'com.example.app', [string] $KeyId = '2X9R4HXF34', [string] $ProductId, [string] $OfferIdentifier,
        [string] $AppAccountToken = '', [string] $Nonce, [long] $Timestamp, [switch] $AsGiven)
    if (-not $AsGiven) {
        $AppAccountToken = $AppAccountToken.ToLowerInvariant()
        $Nonce = $Nonce.ToLowerInvariant()
    }
    @($BundleId, $KeyId, $ProductId, $OfferIdentifier, $AppAccountToken, $Nonce, $Timestamp) -join [char]0x2063
}

function Test-V1Signature {
    <#
    Verifies a legacy (v1) signature (base64 of DER) over the message rebuilt here from the fields as given
    (Get-V1Message -AsGiven), with the framework's ECDsa. The bundle ID, key ID and app account token are read from
    -Signature, the other fields and the signature from -Row (the signature itself unless given). -Verifier reuses one
    ECDsa for many checks; otherwise -PublicKeyPem is imported.
    #>
    param([Parameter(Mandatory)] $Signature, $Row = $Signature, [string] $PublicKeyPem, [ECDsa] $Verifier)
    if (-not $Verifier) {
        $Verifier = [ECDsa]::Create()
        $Verifier.ImportFromPem($PublicKeyPem)
    }
    $message = Get-V1Message -BundleId $Signature.BundleId -KeyId $Signature.KeyId -ProductId $Row.ProductId -OfferIdentifier $Row.OfferIdentifier `
        -AppAccountToken $Signature.AppAccountToken -Nonce $Row.Nonce -Timestamp $Row.Timestamp -AsGiven
    $Verifier.VerifyData([Text.Encoding]::UTF8.GetBytes($message), [Convert]::FromBase64String($Row.EncodedSignature),
        [HashAlgorithmName]::SHA256, [DSASignatureFormat]::Rfc3279DerSequence)
}

function Assert-Token {
    <# Asserts that a JWS verifies with the public key and carries the given claim values exactly; returns its payload. #>
    param([Parameter(Mandatory)] [string] $Token, [Parameter(Mandatory)] [hashtable] $Claims, [Parameter(Mandatory)] [string] $PublicKeyPem)
    Test-Es256Signature -Token $Token -PublicKeyPem $PublicKeyPem | Should -BeTrue
    $payload = (Get-JwsPart $Token).Payload
    foreach ($claim in $Claims.GetEnumerator()) { $payload[$claim.Key] | Should -BeExactly $claim.Value -Because "claim $($claim.Key)" }
    $payload
}

function Assert-BaseClaim {
    <# Asserts what every StoreKit JWS of key ABCDE12345 shares (signature, header, base claims and their JSON types, the output object); returns its parts. #>
    param([Parameter(Mandatory)] $Jws, [Parameter(Mandatory)] [string] $Audience, [Parameter(Mandatory)] [string] $PublicKeyPem)
    Test-Es256Signature -Token $Jws.Token -PublicKeyPem $PublicKeyPem | Should -BeTrue
    $parts = Get-JwsPart $Jws.Token
    $parts.Signature.Length | Should -Be 64
    $parts.HeaderJson | Should -BeExactly '{"alg":"ES256","kid":"ABCDE12345","typ":"JWT"}'
    $parts.Payload.iss | Should -BeExactly (Get-TestIssuerId)
    $parts.Payload.aud | Should -BeExactly $Audience
    $parts.Payload.bid | Should -BeExactly $Jws.BundleId
    $parts.Payload.nonce | Should -MatchExactly (Get-UuidV4Pattern)
    $parts.Payload.nonce | Should -BeExactly $Jws.Nonce
    $parts.Payload.iat | Should -Be $Jws.IssuedAt.ToUnixTimeSeconds()
    $parts.Payload.Keys | Should -Not -Contain 'exp'
    $types = Get-ClaimType $parts.PayloadJson
    $types.iss | Should -Be 'String'
    $types.iat | Should -Be 'Number'
    $types.aud | Should -Be 'String'
    $types.bid | Should -Be 'String'
    $types.nonce | Should -Be 'String'
    $parts.PayloadJson | Should -Match '"iat":\d+[,}]'
    $Jws.ToString() | Should -BeExactly $Jws.Token
    $Jws.Audience | Should -BeExactly $Audience
    $Jws.KeyId | Should -BeExactly 'ABCDE12345'
    $parts
}

function Assert-BearerToken {
    <# Asserts what every bearer token of key 2X9R4HXF34 shares: signature, header, aud, iat/exp as whole seconds, and the output object; returns its parts. #>
    param([Parameter(Mandatory)] $Token, [Parameter(Mandatory)] [string] $PublicKeyPem)
    Test-Es256Signature -Token $Token.Token -PublicKeyPem $PublicKeyPem | Should -BeTrue
    $parts = Get-JwsPart $Token.Token
    $parts.Signature.Length | Should -Be 64
    $parts.HeaderJson | Should -BeExactly '{"alg":"ES256","kid":"2X9R4HXF34","typ":"JWT"}'
    $parts.Payload.aud | Should -BeExactly 'appstoreconnect-v1'
    $parts.PayloadJson | Should -Match '"iat":\d+[,}]'
    $parts.PayloadJson | Should -Match '"exp":\d+[,}]'
    $types = Get-ClaimType $parts.PayloadJson
    $types.aud | Should -Be 'String'
    $types.iat | Should -Be 'Number'
    $types.exp | Should -Be 'Number'
    $Token.IssuedAt.ToUnixTimeSeconds() | Should -Be $parts.Payload.iat
    $Token.ExpiresAt.ToUnixTimeSeconds() | Should -Be $parts.Payload.exp
    $Token.Lifetime | Should -Be ($Token.ExpiresAt - $Token.IssuedAt)
    $Token.Authorization | Should -BeExactly "Bearer $($Token.Token)"
    $Token.ToString() | Should -BeExactly $Token.Token
    $Token.Audience | Should -BeExactly 'appstoreconnect-v1'
    $Token.KeyId | Should -BeExactly '2X9R4HXF34'
    $parts
}

function Get-RequestClaim {
    <# The request claim of an Advanced Commerce token: checks it is standard base64 with padding, returns the decoded JSON. #>
    param([Parameter(Mandatory)] [string] $Token)
    $request = (Get-JwsPart $Token).Payload.request
    $request | Should -MatchExactly '^[A-Za-z0-9+/]*={0,2}$'
    ($request.Length % 4) | Should -Be 0
    [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($request))
}

function Get-Check {
    <# The check of a report (Test-AppStoreJws, Test-AppStoreSignedData, Test-PromotionalOfferSignature) with that name. #>
    param([Parameter(Mandatory)] $Report, [Parameter(Mandatory)] [string] $Name)
    $Report.Checks | Where-Object Name -EQ $Name
}

function Get-CmdletTypeName {
    <#
    The full name of the class that implements a cmdlet, read from its ImplementingType: what follows the error's own
    id and a comma in the FullyQualifiedErrorId of every error the cmdlet writes.
    #>
    param([Parameter(Mandatory)] [string] $Name)
    (Get-Command $Name -CommandType Cmdlet -ErrorAction Stop).ImplementingType.FullName
}

function Get-JwsPart {
    <# Decodes a compact JWS into its header and payload (as objects and as exact JSON) and its raw signature. #>
    param([Parameter(Mandatory)] [string] $Token)
    $parts = $Token.Split('.')
    if ($parts.Count -ne 3) { throw "Expected 3 parts, found $($parts.Count)." }
    $headerJson = [Text.Encoding]::UTF8.GetString(($parts[0] | ConvertFrom-Base64Url))
    $payloadJson = [Text.Encoding]::UTF8.GetString(($parts[1] | ConvertFrom-Base64Url))
    [pscustomobject]@{
        HeaderJson  = $headerJson
        PayloadJson = $payloadJson
        Header      = $headerJson | ConvertFrom-Json -AsHashtable
        Payload     = $payloadJson | ConvertFrom-Json -AsHashtable
        Signature   = [byte[]]($parts[2] | ConvertFrom-Base64Url)
        SigningInput = [Text.Encoding]::ASCII.GetBytes($parts[0] + '.' + $parts[1])
    }
}

function Test-Es256Signature {
    <# Verifies a JWS signature (64-byte r||s) with the framework's ECDsa and the given public key PEM. #>
    param([Parameter(Mandatory)] [string] $Token, [Parameter(Mandatory)] [string] $PublicKeyPem)
    $jws = Get-JwsPart $Token
    if ($jws.Signature.Length -ne 64) { return $false }
    $ecdsa = [ECDsa]::Create()
    $ecdsa.ImportFromPem($PublicKeyPem)
    $ecdsa.VerifyData($jws.SigningInput, $jws.Signature, [HashAlgorithmName]::SHA256, [DSASignatureFormat]::IeeeP1363FixedFieldConcatenation)
}

function ConvertTo-DerSignature {
    <# Re-encodes a JWS r||s signature as DER SEQUENCE { INTEGER r, INTEGER s }, the form OpenSSL reads. #>
    param([Parameter(Mandatory)] [byte[]] $Signature)
    $writer = [System.Formats.Asn1.AsnWriter]::new([System.Formats.Asn1.AsnEncodingRules]::DER)
    $sequence = $writer.PushSequence()
    foreach ($half in @([byte[]]$Signature[0..31], [byte[]]$Signature[32..63])) {
        # DER integers are minimal: r or s starts with a zero byte about once in 256 signatures.
        $start = 0
        while ($start -lt 31 -and $half[$start] -eq 0) { $start++ }
        $writer.WriteIntegerUnsigned([byte[]]$half[$start..31])
    }
    $sequence.Dispose()
    , $writer.Encode()
}

function Get-ClaimType {
    <# The JSON type of each member of a JSON object, read with System.Text.Json so "false" and false differ. #>
    param([Parameter(Mandatory)] [string] $Json)
    $types = [ordered]@{}
    foreach ($member in [System.Text.Json.JsonDocument]::Parse($Json).RootElement.EnumerateObject()) {
        $types[$member.Name] = $member.Value.ValueKind.ToString()
    }
    $types
}

function New-SampleOneTimeCharge {
    <# The one-time charge request of Apple's article, with text that JSON encoders tend to escape differently. #>
    param([string] $Description = 'An e-book — UTF-8 😀')
    [ordered]@{
        operation   = 'CREATE_ONE_TIME_CHARGE'
        version     = '1'
        requestInfo = [ordered]@{ requestReferenceId = 'f55df048-4cd8-4261-b404-b6f813ff70e5' }
        currency    = 'USD'
        taxCode     = 'C003-00-2'
        storefront  = 'USA'
        item        = [ordered]@{ SKU = 'BOOK_123'; displayName = 'Café <b> & "x"'; description = $Description; price = 4990 }
    }
}

function Invoke-Interop {
    <# Runs the Node harness in tests/interop (jose and Apple's official library): JSON in, JSON out. #>
    param([Parameter(Mandatory)] [string] $Command, [Parameter(Mandatory)] $Request)
    $script = Join-Path $env:APPSTOREJWS_REPO 'tests/interop/interop.mjs'
    $json = $Request | ConvertTo-Json -Depth 20 -Compress
    $output = $json | node $script $Command
    if ($LASTEXITCODE -ne 0) { throw "interop.mjs $Command failed with exit code $LASTEXITCODE." }
    $output | ConvertFrom-Json -AsHashtable -Depth 50
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs a script in a fresh pwsh process (the same PowerShell as this one) and returns its output lines. The child's
        HOME and XDG_* folders are a temporary folder of its own (removed afterwards), unless the caller has already
        pointed HOME at a temporary folder, whose settings the child then shares.
    #>
    param([Parameter(Mandatory)] [string] $Script)
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes("`$PSStyle.OutputRendering = 'PlainText'`n" + $Script))
    $pwsh = [Environment]::ProcessPath
    $arguments = if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') {
        @([Environment]::GetCommandLineArgs()[0], '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
    } else {
        @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
    }
    $temp = [IO.Path]::GetFullPath([IO.Path]::GetTempPath())
    $childHome = $null
    $saved = @{}
    if (-not "$env:HOME".StartsWith($temp, [StringComparison]::Ordinal)) {
        $childHome = New-TestFolder
        foreach ($name in 'HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            $value = if ($name -eq 'HOME') { $childHome.FullName } else { Join-Path $childHome.FullName $name.ToLowerInvariant() }
            [Environment]::SetEnvironmentVariable($name, $value)
        }
    }
    try {
        & $pwsh @arguments 2>&1 | ForEach-Object { "$_" }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        if ($childHome) { Remove-TestFolder $childHome }
    }
}

function Start-TestServerApi {
    <#
    .SYNOPSIS
        Starts tests/interop/server-api.mjs, a loopback stand-in for Apple's App Store Server API that checks the bearer
        token against -PublicKeyPem. -Chain (from New-TestAppleChain) makes it sign what it serves with that chain's leaf;
        -LatencyMs delays every answer. It stops when Stop-TestServerApi closes its stdin, or by itself after
        -LifetimeSeconds. -RateLimit @{ budget = N; windowMs = W } shares Apple-like rate-limit windows across all
        requests (429 with Retry-After in UNIX milliseconds); -Retention @{ maximumImages = N; maximumMessages = M } lowers
        Apple's Retention Messaging limits. Returns the process and its BaseUri (the sandbox is BaseUri/sandbox).
    #>
    param(
        [Parameter(Mandatory)] [string] $PublicKeyPem,
        [string] $BundleId = 'com.example.app',
        [int] $LatencyMs = 0,
        [hashtable] $SignedTransactions = @{},
        $Chain,
        [int] $LifetimeSeconds = 240,
        [switch] $NoRecord,
        [hashtable] $RateLimit,
        [hashtable] $Retention
    )
    $start = [System.Diagnostics.ProcessStartInfo]::new('node')
    $start.ArgumentList.Add((Join-Path $env:APPSTOREJWS_REPO 'tests/interop/server-api.mjs'))
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $config = @{ publicKeyPem = $PublicKeyPem; issuerId = $script:IssuerId; bundleId = $BundleId; latencyMs = $LatencyMs; lifetimeSeconds = $LifetimeSeconds; signedTransactions = $SignedTransactions; recordRequests = -not $NoRecord }
    if ($RateLimit) { $config.rateLimit = $RateLimit }
    if ($Retention) { $config.retention = $Retention }
    if ($Chain) {
        $config.signer = @{ privateKeyPem = $Chain.LeafKey.ExportPkcs8PrivateKeyPem(); x5c = $Chain.X5c }
    }
    $process = [System.Diagnostics.Process]::Start($start)
    $process.StandardInput.WriteLine(($config | ConvertTo-Json -Compress -Depth 5))
    $process.StandardInput.Flush()
    $line = $process.StandardOutput.ReadLine()
    $port = ($line | ConvertFrom-Json).port
    [pscustomobject]@{ Process = $process; BaseUri = "http://127.0.0.1:$port" }
}

function Stop-TestServerApi {
    <# Closing stdin makes the server stop by itself; the process is waited for, with a bound. #>
    param($Server)
    if ($null -eq $Server) { return }
    $Server.Process.StandardInput.Close()
    if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill() }
    $Server.Process.Dispose()
}

function Get-ServerRequests {
    <# What the test server was sent: method, path, query pairs, JSON body and Accept, oldest first, one object each. #>
    param($Server)
    # Invoke-RestMethod writes a JSON array as one object; writing the variable enumerates it, so @(...).Count counts requests.
    $requests = Invoke-RestMethod -Uri "$($Server.BaseUri)/__requests"
    $requests
}

function Get-ServerStats {
    <# What the test server counted: requests received, refused by its rate limit, received early (after a 429 named a time, before it), and sent as to a proxy. #>
    param($Server)
    Invoke-RestMethod -Uri "$($Server.BaseUri)/__stats"
}

function Get-SentTo {
    <# The requests the test server was sent for one path, oldest first. #>
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Path)
    @((Get-ServerRequests $Server) | Where-Object path -EQ $Path)
}

function Get-QueryText {
    <# The query of a recorded request as name=value lines, in the order sent. #>
    param([Parameter(Mandatory)] $Request)
    @($Request.query | ForEach-Object { $_ -join '=' })
}

function Invoke-WithoutHost {
    <#
    Runs a script block in a runspace of its own, which has no host, with the module imported and the given
    variables set: what a cmdlet writes straight to the host (the "What if:" line of -WhatIf) then stays out of the
    test run's output. Returns what the block returns; an error in it is thrown here, so the test still fails.
    #>
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [hashtable] $Variables = @{})
    $runspace = [runspacefactory]::CreateRunspace()
    $shell = [powershell]::Create()
    try {
        $runspace.Open()
        foreach ($name in $Variables.Keys) { $runspace.SessionStateProxy.SetVariable($name, $Variables[$name]) }
        $shell.Runspace = $runspace
        $null = $shell.AddScript("`$ErrorActionPreference = 'Stop'; Import-Module '$($env:APPSTOREJWS_MODULE.Replace("'", "''"))'`n$ScriptBlock")
        $output = $shell.Invoke()
        if ($shell.Streams.Error.Count) { throw $shell.Streams.Error[0] }
        $output
    }
    finally {
        $shell.Dispose()
        $runspace.Dispose()
    }
}

Export-ModuleMember -Function *
