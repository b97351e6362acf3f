#requires -Version 7.6
<#
.SYNOPSIS
    Times Get-AppStoreTransaction lookups from the pipeline against the test server; run by Invoke-Benchmarks.ps1
    in a child pwsh, or alone with small counts (-Lookups 40).
.DESCRIPTION
    One test server (tests/interop/server-api.mjs) with -LatencyMs added to every answer, serving transactions
    signed by a test chain shaped like Apple's (tests/TestPki.psm1), and -Lookups distinct transaction IDs:
      sequential  $null = $ids | Get-AppStoreTransaction -Key $key -TrustedRoot … (one request at a time)
      throttled   the same with -ThrottleLimit (default 8)
      node        Apple's AppStoreServerAPIClient.getTransactionInfo, one after another
                  (tests/interop/server-api-client.mjs, timed inside Node)
    Every lookup is verified and decoded by the module; a lookup that fails makes the run fail. The three take
    turns over -Runs rounds, so each round's ratios compare figures taken under the same load. Writes one JSON
    object to -OutFile: per shape, the rate of every round and their median.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [Parameter(Mandatory)] [string] $OutFile,
    [int] $Lookups = 1000,
    [int] $LatencyMs = 50,
    [int] $ThrottleLimit = 8,
    [int] $Runs = 1
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath
$env:APPSTOREJWS_REPO = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $PSScriptRoot '../TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../TestPki.psm1')

$key = New-AppStoreTestKey -Folder $WorkFolder -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
$pem = Get-Content -LiteralPath (Join-Path $WorkFolder 'AuthKey_2X9R4HXF34.p8') -Raw
$chain = New-TestAppleChain
$server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain -LatencyMs $LatencyMs -LifetimeSeconds 3600 -NoRecord
$ids = [string[]]@(1..$Lookups | ForEach-Object { (2000000000000000 + $_).ToString() })
$nodeRequest = @{ baseUri = $server.BaseUri; privateKeyPem = $pem; keyId = '2X9R4HXF34'; issuerId = (Get-TestIssuerId); bundleId = 'com.example.app'; lookups = $ids } | ConvertTo-Json -Compress
$nodeClient = Join-Path $PSScriptRoot '../interop/server-api-client.mjs'

function Measure-Lookups([int] $Throttle) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $count = @($ids | Get-AppStoreTransaction -Key $key -BaseUri $server.BaseUri -TrustedRoot $chain.Root -AppAppleId 1234567890 -ThrottleLimit $Throttle).Count
    $seconds = $clock.Elapsed.TotalSeconds
    if ($count -ne $ids.Count) { throw "Expected $($ids.Count) verified transactions, got $count." }
    $ids.Count / $seconds
}

function Measure-Node {
    $result = $nodeRequest | node $nodeClient | ConvertFrom-Json
    if ($LASTEXITCODE -ne 0 -or $result.failures -ne 0) { throw "Apple's client failed $($result.failures) of $($result.count) lookups." }
    $result.count / $result.seconds
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $sorted[[int][Math]::Floor($sorted.Count / 2)]
}

try {
    # Warm-up: JIT, the verifier's chain cache, connections, Node's start.
    $warm = $ids
    $ids = $ids[0..([Math]::Min(19, $ids.Count - 1))]
    $null = Measure-Lookups 1
    $null = Measure-Lookups $ThrottleLimit
    $ids = $warm

    $shapes = [ordered]@{ sequential = [Collections.Generic.List[double]]::new(); throttled = [Collections.Generic.List[double]]::new(); node = [Collections.Generic.List[double]]::new() }
    for ($run = 0; $run -lt $Runs; $run++) {
        $shapes.sequential.Add((Measure-Lookups 1))
        $shapes.throttled.Add((Measure-Lookups $ThrottleLimit))
        $shapes.node.Add((Measure-Node))
    }
    $result = [ordered]@{ lookups = $Lookups; latencyMs = $LatencyMs; throttleLimit = $ThrottleLimit }
    foreach ($name in $shapes.Keys) { $result[$name] = [ordered]@{ runs = $shapes[$name].ToArray(); perSecond = (Get-Median $shapes[$name].ToArray()) } }
    $result | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $OutFile
}
finally {
    Stop-TestServerApi $server
}
