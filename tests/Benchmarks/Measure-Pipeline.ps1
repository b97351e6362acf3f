#requires -Version 7.6
<#
.SYNOPSIS
    Times the staged module in a pipeline; run by Invoke-Benchmarks.ps1 in a child pwsh.
.DESCRIPTION
    The same rows as tests/interop/bench.mjs (product, offer, transaction ID), three ways, and two references:
      raw         ECDsa.SignData(P-256, SHA-256) over a token's signing input, -Rows times, in a compiled loop
      objects     $null = (a pre-built array of PSCustomObjects) | New-PromotionalOfferJws -Key $key -ThrottleLimit 1
      legacy      $null = (the same array) | New-PromotionalOfferSignature -Key $key -ThrottleLimit 1 (v1; TransactionId is not one of its parameters)
      nodeLegacy  Apple's Node v1 signer, -Rows signatures (node -NodeBench legacySignature, timed inside Node)
      objectsQuiet as objects with $ProgressPreference = 'SilentlyContinue': what showing progress costs (objects shows it)
      csv         Import-Csv | New-PromotionalOfferJws -Key $key -ThrottleLimit 1 | Export-Csv
      objectsAll  as objects, with the default -ThrottleLimit (the processor count)
      csvAll      as csv, with the default -ThrottleLimit
      verify      $null = (-VerifyRows copies of one signed transaction) | ConvertFrom-AppStoreSignedData -TrustedRoot,
                  offline; the transaction is signed by a test chain shaped like Apple's (tests/TestPki.psm1)
      nodeVerify  Apple's Node SignedDataVerifier.verifyAndDecodeTransaction on the same data, -VerifyRows times
                  (node -NodeBench verifyTransaction, timed inside Node)
    Each shape is warmed up (tiered JIT and PowerShell's own caches settle over the first seconds), then timed
    in -Runs rounds, the shapes taking turns, so each round's ratios compare figures taken under the same load.
    Writes one JSON object to -OutFile: per shape, the rate of every round and their median.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [Parameter(Mandatory)] [string] $OutFile,
    [Parameter(Mandatory)] [string] $NodeBench,
    [int] $Rows = 100000,
    [int] $Runs = 5,
    [int] $WarmUpRows = 20000,
    [int] $VerifyRows = 10000,
    # Only these shapes (a baseline module is timed with raw and objects alone); all of them by default.
    [string[]] $Only
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath
# From another process's command line a list arrives as one comma-separated string.
$Only = @($Only -split ',' | Where-Object { $_ })
function Test-Shape([string[]] $Name) { -not $Only -or @($Name | Where-Object { $_ -in $Only }).Count }

$WarmUpRows = [Math]::Min($WarmUpRows, $Rows)
$key = New-AppStoreTestKey -Folder $WorkFolder -IssuerId '57246542-96fe-1a63-e053-0824d011072a' -BundleId 'com.example.bench'

$objects = [object[]]::new($Rows)
for ($i = 0; $i -lt $Rows; $i++) {
    $objects[$i] = [pscustomobject]@{
        ProductId       = "com.example.subscription.tier$($i % 5)"
        OfferIdentifier = "WINBACK$($i % 3)"
        TransactionId   = [string](2000000000000000 + $i)
    }
}
$warmUp = $objects[0..($WarmUpRows - 1)]
$csvIn = Join-Path $WorkFolder 'rows.csv'
$csvWarmUp = Join-Path $WorkFolder 'warm-up.csv'
$csvOut = Join-Path $WorkFolder 'tokens.csv'
if (Test-Shape csv, csvAll) {
    $objects | Export-Csv $csvIn
    $warmUp | Export-Csv $csvWarmUp
}

# The raw ECDSA rate again, timed between the pipeline runs so that the pipelines' ratios to it compare figures
# from the same minutes: one P-256 key, SignData(SHA-256) over a real token's signing input, a compiled loop.
Add-Type -TypeDefinition @'
using System.Security.Cryptography;
public static class RawSigningLoop
{
    public static void Run(ECDsa key, byte[] data, int count)
    {
        for (int i = 0; i < count; i++) { key.SignData(data, HashAlgorithmName.SHA256); }
    }
}
'@
$token = (New-PromotionalOfferJws -Key $key -ProductId $objects[0].ProductId -OfferIdentifier $objects[0].OfferIdentifier -TransactionId $objects[0].TransactionId).Token
$signingInput = [Text.Encoding]::ASCII.GetBytes($token.Substring(0, $token.LastIndexOf('.')))
$rawKey = [Security.Cryptography.ECDsa]::Create([Security.Cryptography.ECCurve+NamedCurves]::nistP256)

# One signed transaction, as the App Store Server API returns it, and the root it chains to, for both verifiers.
if (Test-Shape verify, nodeVerify) {
    Import-Module (Join-Path $PSScriptRoot '../TestPki.psm1')
    $chain = New-TestAppleChain
    $signedTransaction = New-TestSignedData -Chain $chain -Payload (New-TestTransactionPayload)
    $signedCopies = [string[]]::new($VerifyRows)
    [Array]::Fill($signedCopies, $signedTransaction)
    $signedWarmUp = $signedCopies[0..([Math]::Min($VerifyRows, 2000) - 1)]
    $signedFile = Join-Path $WorkFolder 'signed-transaction.json'
    @{ jws = $signedTransaction; rootBase64 = [Convert]::ToBase64String($chain.RootCer); bundleId = 'com.example.app'; environment = 'Sandbox' } | ConvertTo-Json | Set-Content $signedFile
}

$shapes = [ordered]@{
    raw        = @{
        WarmUp = { [RawSigningLoop]::Run($rawKey, $signingInput, $WarmUpRows); $WarmUpRows }
        Timed  = { [RawSigningLoop]::Run($rawKey, $signingInput, $Rows) }
    }
    objects    = @{
        WarmUp = { (@($warmUp | New-PromotionalOfferJws -Key $key -ThrottleLimit 1)).Count }
        Timed  = { $null = $objects | New-PromotionalOfferJws -Key $key -ThrottleLimit 1 }
    }
    objectsQuiet = @{
        WarmUp = { $ProgressPreference = 'SilentlyContinue'; (@($warmUp | New-PromotionalOfferJws -Key $key -ThrottleLimit 1)).Count }
        Timed  = { $ProgressPreference = 'SilentlyContinue'; $null = $objects | New-PromotionalOfferJws -Key $key -ThrottleLimit 1 }
    }
    legacy     = @{
        WarmUp = { (@($warmUp | New-PromotionalOfferSignature -Key $key -ThrottleLimit 1)).Count }
        Timed  = { $null = $objects | New-PromotionalOfferSignature -Key $key -ThrottleLimit 1 }
    }
    nodeLegacy = @{
        WarmUp = { $null = & $shapes.nodeLegacy.Timed 1000; $WarmUpRows }
        Timed  = {
            param($count = $Rows)
            $json = & node $NodeBench $count legacySignature
            if ($LASTEXITCODE -ne 0) { throw "$NodeBench failed with exit code $LASTEXITCODE." }
            ($json | ConvertFrom-Json).legacySignature.perSecond
        }
    }
    csv        = @{
        WarmUp = { Import-Csv $csvWarmUp | New-PromotionalOfferJws -Key $key -ThrottleLimit 1 | Export-Csv $csvOut; [Linq.Enumerable]::Count([IO.File]::ReadLines($csvOut)) - 1 }
        Timed  = { Import-Csv $csvIn | New-PromotionalOfferJws -Key $key -ThrottleLimit 1 | Export-Csv $csvOut }
    }
    objectsAll = @{
        WarmUp = { (@($warmUp | New-PromotionalOfferJws -Key $key)).Count }
        Timed  = { $null = $objects | New-PromotionalOfferJws -Key $key }
    }
    csvAll     = @{
        WarmUp = { Import-Csv $csvWarmUp | New-PromotionalOfferJws -Key $key | Export-Csv $csvOut; [Linq.Enumerable]::Count([IO.File]::ReadLines($csvOut)) - 1 }
        Timed  = { Import-Csv $csvIn | New-PromotionalOfferJws -Key $key | Export-Csv $csvOut }
    }
    verify     = @{
        WarmUp = { if (@($signedWarmUp | ConvertFrom-AppStoreSignedData -TrustedRoot $chain.Root -BundleId com.example.app -Environment Sandbox).Count -eq $signedWarmUp.Count) { $WarmUpRows } }
        Timed  = {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $null = $signedCopies | ConvertFrom-AppStoreSignedData -TrustedRoot $chain.Root -BundleId com.example.app -Environment Sandbox
            $VerifyRows / $clock.Elapsed.TotalSeconds
        }
    }
    nodeVerify = @{
        WarmUp = { $null = & $shapes.nodeVerify.Timed 200; $WarmUpRows }
        Timed  = {
            param($count = $VerifyRows)
            $json = & node $NodeBench $count verifyTransaction $signedFile
            if ($LASTEXITCODE -ne 0) { throw "$NodeBench failed with exit code $LASTEXITCODE." }
            ($json | ConvertFrom-Json).verifyTransaction.perSecond
        }
    }
}

if ($Only) {
    foreach ($name in @($shapes.Keys)) { if ($name -notin $Only) { $shapes.Remove($name) } }
}

$result = [ordered]@{ rows = $Rows; verifyRows = $VerifyRows; runs = $Runs }
foreach ($name in $shapes.Keys) {
    $made = & $shapes[$name].WarmUp
    if ($made -ne $WarmUpRows) { throw "The $name warm-up made $made results from $WarmUpRows rows." }
    $result[$name] = [ordered]@{ runs = [Collections.Generic.List[double]]::new() }
}

for ($run = 0; $run -lt $Runs; $run++) {
    foreach ($name in $shapes.Keys) {
        [GC]::Collect()
        $clock = [Diagnostics.Stopwatch]::StartNew()
        # Node times itself (its start-up is not signing), verify times only its pipeline; the rest is timed here.
        $timedInside = & $shapes[$name].Timed
        $result[$name].runs.Add($(if ($null -ne $timedInside) { $timedInside } else { $Rows / $clock.Elapsed.TotalSeconds }))
    }
}

if ($shapes.Contains('csv')) {
    $written = [Linq.Enumerable]::Count([IO.File]::ReadLines($csvOut)) - 1
    if ($written -ne $Rows) { throw "Export-Csv wrote $written rows, expected $Rows." }
}

foreach ($name in $shapes.Keys) {
    $sorted = @($result[$name].runs | Sort-Object)
    $result[$name].perSecond = $sorted[[int][Math]::Floor($sorted.Count / 2)]
}

$result | ConvertTo-Json -Depth 4 | Set-Content $OutFile
