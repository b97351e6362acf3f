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
      window      once, after the rounds: the throttled lookups against a second server that admits -WindowBudget
                  requests per -WindowMs window shared by all requests (Apple-like: 429 with Retry-After in UNIX
                  milliseconds until the window ends; windows start with the first request). Reports the time
                  against what the windows allow (full windows for all but the last batch, which goes at the
                  unthrottled rate), and the requests the server received early: after a 429 named a time and
                  before that time, beyond a 25 ms loopback allowance for requests already on their way.
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
    [int] $Runs = 1,
    [int] $WindowBudget = 100,
    [int] $WindowMs = 2000
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath
$env:APPSTOREJWS_REPO = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
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

function Measure-UnderWindow([double] $Unthrottled) {
    $limited = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain -LatencyMs $LatencyMs -LifetimeSeconds 3600 -NoRecord -RateLimit @{ budget = $WindowBudget; windowMs = $WindowMs }
    try {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $results = @($ids | Get-AppStoreTransaction -Key $key -BaseUri $limited.BaseUri -TrustedRoot $chain.Root -AppAppleId 1234567890 -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -ErrorVariable failures)
        $seconds = $clock.Elapsed.TotalSeconds
        $inOrder = ($results.Count -eq $ids.Count) -and ((@($results.transactionId) -join ',') -eq ($ids -join ','))
        $stats = Get-ServerStats $limited
        $fullWindows = [Math]::Ceiling($ids.Count / $WindowBudget) - 1
        $allowed = $fullWindows * $WindowMs / 1000 + ($ids.Count - $fullWindows * $WindowBudget) / $Unthrottled
        [ordered]@{
            budget = $WindowBudget; windowMs = $WindowMs; seconds = $seconds; allowedSeconds = $allowed; ratio = $seconds / $allowed
            sent = $stats.received; refused = $stats.refused; early = $stats.early; failures = @($failures).Count; inOrder = $inOrder
        }
    }
    finally { Stop-TestServerApi $limited }
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
    $result.window = Measure-UnderWindow -Unthrottled $result.throttled.perSecond
    $result | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $OutFile
}
finally {
    Stop-TestServerApi $server
}
