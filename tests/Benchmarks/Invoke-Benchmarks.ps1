#requires -Version 7.6
<#
.SYNOPSIS
    Measures the module against the raw ECDSA rate and Apple's Node library; called by build.ps1 -Task Bench.
.DESCRIPTION
    Everything is measured in this one run, and each ratio that a target judges is formed from figures taken
    under the same load (alternating blocks, or rounds in turn), so it holds on a shared, noisy machine where
    the absolute rates drift from minute to minute:
      1, 2, 5  ECDsa.SignData, the core signer and the core's v1 signer, in-process with BenchmarkDotNet
               (AppStoreJws.Benchmarks.csproj, a short job);
      3, 5     the staged module in a pipeline, wall clock, in turns with the raw rate and Apple's Node v1 signer
               (Measure-Pipeline.ps1 in a child pwsh);
      4        Apple's @apple/app-store-server-library on Node making promotional offer JWS (tests/interop/bench.mjs);
      6        pwsh start with and without Import-Module, and the peak working set while streaming rows
               (Measure-StreamingMemory.ps1, a fresh child pwsh per row count);
      7        verifying one signed transaction repeated: the module's pipeline from strings and Apple's Node
               SignedDataVerifier, offline, in turns with the other pipelines (Measure-Pipeline.ps1);
      8        Get-AppStoreTransaction lookups from the pipeline against the loopback test server with added latency
               per answer, one at a time and with -ThrottleLimit 8, and Apple's Node AppStoreServerAPIClient one
               after another; then once with -ThrottleLimit 8 under a simulated rate-limit window: time against
               what the window allows, and requests sent early (Measure-ServerApiLookups.ps1; alone with small
               counts: -Lookups 40).
      9        decoding app receipts from the pipeline (every field of every purchase) and Apple's Node
               ReceiptUtility.extractTransactionIdFromAppReceipt on the same receipts, in turns (Measure-Receipts.ps1).
    Prints one table and writes it to <OutputFolder>/results.md beside the raw JSON of each part. Reports only:
    a missed target is shown in the table, never a failure (the exit code says only whether the bench ran).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputFolder,
    [int] $Rows = 100000,
    [int] $StreamRows = 1000000,
    [int] $BaselineStreamRows = 10000,
    [int] $PipelineRuns = 5,
    [int] $VerifyRows = 10000,
    [int] $ImportRuns = 11,
    [int] $LookupRows = 1000,
    [int] $LookupLatencyMs = 50,
    [int] $ReceiptRows = 10000,
    # Rounds of row 3f: each round times the baseline build and this one, in a fresh child each, in turn. One
    # round's ratio to raw moves by about 0.06 between two runs of the same build on a 2-core machine, so fewer
    # rounds cannot tell a 0.03 difference from noise.
    [int] $BaselineRounds = 10,
    # Another build of the module (an earlier release, say): its pipeline from objects is timed in this run too, so
    # a change's cost shows as the difference of two ratios to raw taken on the same machine minutes apart.
    [string] $BaselineModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$started = [Diagnostics.Stopwatch]::StartNew()
$root = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
New-Item -ItemType Directory -Path $OutputFolder -Force | Out-Null
$OutputFolder = (Resolve-Path -LiteralPath $OutputFolder).Path
# A fresh, unguessable folder of its own: New-Item without -Force fails if the name exists (a planted folder or link).
$work = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "appstorejws-bench-$([guid]::NewGuid())")

# Child pwsh processes run the same PowerShell as this one: through the dotnet host when this one was
# started as `dotnet pwsh` (the repository's pinned tool), else through its own executable.
$hostPath = [Environment]::ProcessPath
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($hostPath) }

function Invoke-Child {
    param([Parameter(Mandatory)] [string[]] $Command, [string] $Log)
    $executable, $arguments = $Command
    if ($Log) { & $executable @arguments *> $Log } else { & $executable @arguments }
    if ($LASTEXITCODE -ne 0) {
        throw "'$($Command -join ' ')' failed with exit code $LASTEXITCODE$(if ($Log) { "; see $Log" })."
    }
}

function Invoke-PwshScript {
    param([Parameter(Mandatory)] [string] $Script, [Parameter(Mandatory)] [string] $OutFile, [hashtable] $Parameters = @{})
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot $Script), '-ModulePath', $ModulePath, '-WorkFolder', $work.FullName, '-OutFile', $OutFile)
    foreach ($name in $Parameters.Keys) { $arguments += @("-$name", [string]$Parameters[$name]) }
    Invoke-Child ($pwsh + $arguments)
    Get-Content $OutFile -Raw | ConvertFrom-Json
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $sorted[[int][Math]::Floor($sorted.Count / 2)]
}

# The median over rounds of one shape's rate divided by another's in the same round.
function Get-RoundRatio($Shape, $Baseline) {
    Get-Median @(for ($i = 0; $i -lt $Shape.runs.Count; $i++) { $Shape.runs[$i] / $Baseline.runs[$i] })
}

function Write-Step([string] $Text) {
    Write-Host ("[{0,5:N0} s] {1}" -f $started.Elapsed.TotalSeconds, $Text)
}

try {
    $cpu = if (Test-Path /proc/cpuinfo) { (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches[0].Groups[1].Value } else { $env:PROCESSOR_IDENTIFIER }
    $load = if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' }
    $node = (& node --version)

    # 1, 2, 5: in-process C# figures.
    Write-Step 'BenchmarkDotNet: raw ECDsa.SignData, core promotional offer, core v1 signature (log: benchmarkdotnet.log)'
    $coreJson = Join-Path $OutputFolder 'core.json'
    Invoke-Child -Log (Join-Path $OutputFolder 'benchmarkdotnet.log') -Command @(
        'dotnet', 'run', '-c', 'Release', '--project', (Join-Path $PSScriptRoot 'AppStoreJws.Benchmarks.csproj'), '--nologo', '--',
        '--out', $coreJson, '--artifacts', (Join-Path $OutputFolder 'BenchmarkDotNet.Artifacts'))
    $core = Get-Content $coreJson -Raw | ConvertFrom-Json

    # 3, 5: the module in a pipeline, taking turns with the raw rate and Apple's Node v1 signer.
    $nodeBench = Join-Path $root 'tests/interop/bench.mjs'
    Write-Step "pwsh pipelines: $($Rows.ToString('N0')) rows each from objects (JWS and v1) and CSV to CSV (1 thread, then JWS at the default -ThrottleLimit), and signed-data verification, with raw signing and Apple's Node v1 and verifier between, $PipelineRuns rounds"
    $pipeline = Invoke-PwshScript 'Measure-Pipeline.ps1' (Join-Path $OutputFolder 'pipeline.json') @{ Rows = $Rows; Runs = $PipelineRuns; NodeBench = $nodeBench; VerifyRows = $VerifyRows }

    # 3f: the baseline build and this one, each in a fresh child timing raw and 3a, the two builds taking turns
    # (and swapping who goes first each round), so the change's cost is the difference of two ratios to raw
    # taken under the same load minutes apart, not one from the start of the bench and one from its end.
    $abRounds = $null
    if ($BaselineModulePath) {
        $builds = [ordered]@{ current = $ModulePath; baseline = (Resolve-Path -LiteralPath $BaselineModulePath).Path }
        Write-Step "Baseline module vs this one: raw and 3a, $BaselineRounds rounds in turns, $($Rows.ToString('N0')) rows ($($builds.baseline))"
        $abRounds = @{ current = [Collections.Generic.List[double]]::new(); baseline = [Collections.Generic.List[double]]::new() }
        $abRates = @{ current = [Collections.Generic.List[double]]::new(); baseline = [Collections.Generic.List[double]]::new() }
        for ($round = 0; $round -lt $BaselineRounds; $round++) {
            $order = if ($round % 2) { 'baseline', 'current' } else { 'current', 'baseline' }
            foreach ($build in $order) {
                $abWork = New-Item -ItemType Directory -Path (Join-Path $work.FullName "ab-$build-$round")
                $abOut = Join-Path $OutputFolder "pipeline-$build-$round.json"
                Invoke-Child -Command ($pwsh + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Measure-Pipeline.ps1'), '-ModulePath', $builds[$build],
                        '-WorkFolder', $abWork.FullName, '-OutFile', $abOut, '-NodeBench', $nodeBench, '-Rows', $Rows, '-Runs', 1, '-Only', 'raw,objects')) | Out-Null
                $measured = Get-Content -LiteralPath $abOut -Raw | ConvertFrom-Json
                $abRounds[$build].Add($measured.objects.runs[0] / $measured.raw.runs[0])
                $abRates[$build].Add($measured.objects.runs[0])
            }
        }
    }

    # 4: Apple's Node library making promotional offer JWS.
    Write-Step "Apple's Node library: $($Rows.ToString('N0')) promotional offer JWS (one run: it parses the PEM for every token)"
    $nodeJson = Join-Path $OutputFolder 'node.json'
    & node $nodeBench $Rows promotionalOffer > $nodeJson
    if ($LASTEXITCODE -ne 0) { throw "tests/interop/bench.mjs failed with exit code $LASTEXITCODE." }
    $apple = Get-Content $nodeJson -Raw | ConvertFrom-Json

    # 6: start-up cost of Import-Module. Bare and importing starts take turns so drifting load hits both.
    Write-Step "Import-Module: $ImportRuns bare and $ImportRuns importing pwsh -NoProfile starts"
    $bare = [Collections.Generic.List[double]]::new()
    $importing = [Collections.Generic.List[double]]::new()
    $importInside = [Collections.Generic.List[double]]::new()
    $importCommand = "`$clock = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath'; `$clock.Elapsed.TotalMilliseconds"
    Invoke-Child ($pwsh + @('-NoProfile', '-NonInteractive', '-Command', '$null')) | Out-Null
    for ($run = 0; $run -lt $ImportRuns; $run++) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Invoke-Child ($pwsh + @('-NoProfile', '-NonInteractive', '-Command', '$null')) | Out-Null
        $bare.Add($clock.Elapsed.TotalMilliseconds)

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $inside = Invoke-Child ($pwsh + @('-NoProfile', '-NonInteractive', '-Command', $importCommand))
        $importing.Add($clock.Elapsed.TotalMilliseconds)
        $importInside.Add([double]($inside | Select-Object -Last 1))
    }
    $bareMs = Get-Median $bare
    $importingMs = Get-Median $importing
    $importInsideMs = Get-Median $importInside

    # 6: peak memory while streaming, each row count in a fresh process.
    Write-Step "Streaming memory: $($BaselineStreamRows.ToString('N0')) rows, then $($StreamRows.ToString('N0')) rows"
    $small = Invoke-PwshScript 'Measure-StreamingMemory.ps1' (Join-Path $OutputFolder 'memory-small.json') @{ Rows = $BaselineStreamRows }
    $large = Invoke-PwshScript 'Measure-StreamingMemory.ps1' (Join-Path $OutputFolder 'memory-large.json') @{ Rows = $StreamRows }

    # 8: Server API lookups against the test server, with latency like a network's.
    Write-Step "Server API: $($LookupRows.ToString('N0')) Get-AppStoreTransaction lookups with $LookupLatencyMs ms added per answer: sequential, -ThrottleLimit 8, Apple's Node client"
    $lookups = Invoke-PwshScript 'Measure-ServerApiLookups.ps1' (Join-Path $OutputFolder 'lookups.json') @{ Lookups = $LookupRows; LatencyMs = $LookupLatencyMs; ThrottleLimit = 8 }

    # 9: receipts decoded from the pipeline, in turns with Apple's Node ReceiptUtility.
    Write-Step "Receipts: $($ReceiptRows.ToString('N0')) app receipts | ConvertFrom-AppStoreReceipt and Apple's Node extractTransactionIdFromAppReceipt, $PipelineRuns rounds in turns"
    $receiptBench = Invoke-PwshScript 'Measure-Receipts.ps1' (Join-Path $OutputFolder 'receipts.json') @{ Rows = $ReceiptRows; Runs = $PipelineRuns }

    # The table. Every ratio divides figures of this run; where a drift-free pairing exists, it decides.
    $raw = $core.benchmarks.RawSignData.perSecond
    $rawBeside = $pipeline.raw.perSecond
    $corePromo = $core.benchmarks.CorePromotionalOffer.perSecond
    $legacyCore = $core.benchmarks.CoreLegacySignature.perSecond
    $objects = $pipeline.objects.perSecond
    $csv = $pipeline.csv.perSecond
    $legacyCmdlet = $pipeline.legacy.perSecond
    $applePromo = $apple.promotionalOffer.perSecond
    $appleLegacy = $pipeline.nodeLegacy.perSecond
    $objectsToRaw = Get-RoundRatio $pipeline.objects $pipeline.raw
    $csvToRaw = Get-RoundRatio $pipeline.csv $pipeline.raw
    $objectsAll = $pipeline.objectsAll.perSecond
    $csvAll = $pipeline.csvAll.perSecond
    $objectsAllToRaw = Get-RoundRatio $pipeline.objectsAll $pipeline.raw
    $csvAllToRaw = Get-RoundRatio $pipeline.csvAll $pipeline.raw
    $cores = [Environment]::ProcessorCount
    $legacyToNode = Get-RoundRatio $pipeline.legacy $pipeline.nodeLegacy
    # Core v1 to Node v1 without comparing different minutes: (core v1 / raw, paired) x (raw / Node v1, per round).
    $legacyCoreToNode = $core.pairedToRaw.coreLegacySignature * (Get-RoundRatio $pipeline.raw $pipeline.nodeLegacy)
    $rowsText = $Rows.ToString('N0')
    $verifyText = $VerifyRows.ToString('N0')
    $verifyToNode = Get-RoundRatio $pipeline.verify $pipeline.nodeVerify

    $table = [Collections.Generic.List[string[]]]::new()
    function Add-Row([string] $Measure, [string] $Result, [string] $Ratio, [string] $Target) { $table.Add(@($Measure, $Result, $Ratio, $Target)) }
    function Rate([double] $PerSecond) { '{0:N0} /s' -f $PerSecond }
    function Times([double] $Value) { '{0:N2}x' -f $Value }
    function Verdict([string] $Target, [bool] $Met) { "$Target - $(if ($Met) { 'met' } else { 'MISSED' })" }

    Add-Row "1. Raw ECDsa.SignData, P-256/SHA-256, $($core.signingInputBytes)-byte signing input, 1 thread (BDN)" (Rate $raw) '1.00' 'baseline'
    Add-Row "1b. Raw again, same signing, in turn with 3a-3d, 5a, 5b, 7a, 7b ($PipelineRuns rounds)" (Rate $rawBeside) "$(Times ($rawBeside / $raw)) of 1" 'baseline of 3a-3d'
    Add-Row '2. Core StoreKitJwsFactory.CreatePromotionalOffer, 1 thread (BDN)' (Rate $corePromo) "$(Times $core.pairedToRaw.corePromotionalOffer) paired (BDN medians: $(Times ($corePromo / $raw)))" (Verdict '>= 0.90x raw' ($core.pairedToRaw.corePromotionalOffer -ge 0.90))
    Add-Row "3a. pwsh: `$null = <$rowsText PSCustomObjects> | New-PromotionalOfferJws -Key `$key" (Rate $objects) "$(Times $objectsToRaw) of 1b ($(Times ($objects / $raw)) of 1)" (Verdict '>= 0.75x raw' ($objectsToRaw -ge 0.75))
    Add-Row "3b. pwsh: Import-Csv ($rowsText rows) | New-PromotionalOfferJws -Key `$key | Export-Csv" (Rate $csv) "$(Times $csvToRaw) of 1b ($(Times ($csv / $raw)) of 1)" (Verdict '>= 0.50x raw' ($csvToRaw -ge 0.50))
    Add-Row "3c. As 3a with the default -ThrottleLimit ($cores), vs single-thread raw" (Rate $objectsAll) "$(Times $objectsAllToRaw) of 1b ($(Times ($objectsAll / $objects)) of 3a)" $(if ($cores -ge 2) { Verdict '>= 1.00x raw on 2+ cores' ($objectsAllToRaw -ge 1.00) } else { 'n/a on 1 core' })
    Add-Row "3d. As 3b with the default -ThrottleLimit ($cores), vs single-thread raw" (Rate $csvAll) "$(Times $csvAllToRaw) of 1b ($(Times ($csvAll / $csv)) of 3b)" $(if ($cores -ge 2) { Verdict '>= 0.75x raw on 2+ cores' ($csvAllToRaw -ge 0.75) } else { 'n/a on 1 core' })
    $progressCost = 1 - (Get-RoundRatio $pipeline.objects $pipeline.objectsQuiet)
    Add-Row "3e. Progress: 3a (progress shown once a run passes 2 s) vs 3a with `$ProgressPreference = 'SilentlyContinue', in turn" (Rate $pipeline.objectsQuiet.perSecond) ('{0:P1} cost' -f $progressCost) (Verdict 'progress costs < 2%' ($progressCost -lt 0.02))
    if ($abRounds) {
        $baselineToRaw = Get-Median $abRounds.baseline
        $currentToRaw = Get-Median $abRounds.current
        # Each round's two ratios are taken a few seconds apart, so their difference shows how far the spread of the medians is noise.
        $pairedGaps = @(for ($i = 0; $i -lt $abRounds.current.Count; $i++) { $abRounds.baseline[$i] - $abRounds.current[$i] })
        $gapText = 'per round, baseline minus this build: median {0:N3}, from {1:N3} to {2:N3}' -f (Get-Median $pairedGaps), ($pairedGaps | Measure-Object -Minimum).Minimum, ($pairedGaps | Measure-Object -Maximum).Maximum
        Add-Row "3f. 3a with the baseline module (-BaselineModulePath) and with this one, a fresh child each, in turn ($BaselineRounds rounds), each vs its own raw" (Rate (Get-Median $abRates.baseline)) "$(Times $baselineToRaw) (this build: $(Times $currentToRaw); $gapText)" (Verdict 'within 0.03 of the baseline' (($baselineToRaw - $currentToRaw) -le 0.03))
    }
    Add-Row "4a. Apple Node $($apple.library) PromotionalOfferV2SignatureCreator, $($apple.count.ToString('N0')) tokens (Node $($apple.node))" (Rate $applePromo) "$(Times ($applePromo / $raw)) of 1" 'reference'
    Add-Row '4b. Module, pipeline from objects (3a), vs 4a' (Rate $objects) (Times ($objects / $applePromo)) (Verdict '>= 10x Node' (($objects / $applePromo) -ge 10))
    Add-Row '4c. Core (2) vs 4a' (Rate $corePromo) (Times ($corePromo / $applePromo)) (Verdict '>= 10x Node' (($corePromo / $applePromo) -ge 10))
    Add-Row "5a. Apple Node PromotionalOfferSignatureCreator (v1), $rowsText signatures, in turn with 1b" (Rate $appleLegacy) "$(Times (Get-RoundRatio $pipeline.nodeLegacy $pipeline.raw)) of 1b" 'reference'
    Add-Row "5b. pwsh: `$null = <$rowsText PSCustomObjects> | New-PromotionalOfferSignature -Key `$key, vs 5a" (Rate $legacyCmdlet) (Times $legacyToNode) (Verdict '>= 1x Node' ($legacyToNode -ge 1))
    Add-Row "5c. Core PromotionalOfferV1Signer.Create, 1 thread (BDN), vs 5a" (Rate $legacyCore) "$(Times $legacyCoreToNode) via raw (BDN vs 5a: $(Times ($legacyCore / $appleLegacy)))" (Verdict '>= 1x Node' ($legacyCoreToNode -ge 1))
    Add-Row "6a. pwsh -NoProfile start, bare (median of $ImportRuns)" ('{0:N0} ms' -f $bareMs) '' ''
    Add-Row "6b. pwsh -NoProfile start + Import-Module (median of $ImportRuns; timed inside the process: $('{0:N0}' -f $importInsideMs) ms)" ('{0:N0} ms' -f $importingMs) ('+{0:N0} ms' -f ($importingMs - $bareMs)) (Verdict 'import adds <= 150 ms' (($importingMs - $bareMs) -le 150))
    Add-Row "6c. Peak working set, $($BaselineStreamRows.ToString('N0')) generated rows streamed to Out-Null" ('{0:N0} MB' -f ($small.peakWorkingSetBytes / 1MB)) '' ''
    Add-Row "6d. Peak working set, $($StreamRows.ToString('N0')) rows streamed ($(Rate $large.perSecond)); live heap after: $('{0:N1}' -f ($large.liveHeapBytesAfter / 1MB)) MB (6c: $('{0:N1}' -f ($small.liveHeapBytesAfter / 1MB)) MB)" ('{0:N0} MB' -f ($large.peakWorkingSetBytes / 1MB)) ('+{0:N0} MB' -f (($large.peakWorkingSetBytes - $small.peakWorkingSetBytes) / 1MB)) (Verdict '<= 100 MB over 6c' ((($large.peakWorkingSetBytes - $small.peakWorkingSetBytes) / 1MB) -le 100))
    Add-Row "7a. Apple Node SignedDataVerifier.verifyAndDecodeTransaction, offline, $verifyText calls on one signed transaction, in turn with 7b" (Rate $pipeline.nodeVerify.perSecond) "$(Times (Get-RoundRatio $pipeline.nodeVerify $pipeline.raw)) of 1b" 'reference'
    Add-Row "7b. pwsh: `$null = <$verifyText strings> | ConvertFrom-AppStoreSignedData -TrustedRoot (offline), vs 7a" (Rate $pipeline.verify.perSecond) (Times $verifyToNode) (Verdict '>= 3x Node' ($verifyToNode -ge 3))
    $lookupText = $LookupRows.ToString('N0')
    $throttledToSequential = Get-RoundRatio $lookups.throttled $lookups.sequential
    Add-Row "8a. pwsh: `$ids ($lookupText) | Get-AppStoreTransaction -Key `$key against the test server, $LookupLatencyMs ms added per answer, one at a time" (Rate $lookups.sequential.perSecond) '1.00' 'baseline of 8b, 8c'
    Add-Row "8b. As 8a with -ThrottleLimit 8 (output in input order)" (Rate $lookups.throttled.perSecond) "$(Times $throttledToSequential) of 8a" (Verdict '>= 6x sequential' ($throttledToSequential -ge 6))
    $window = $lookups.window
    Add-Row "8d. As 8b against a rate-limit window shared by all requests ($($window.budget) per $($window.windowMs) ms; 429 with Retry-After in UNIX ms until the window ends)" ('{0:N1} s, {1} sent, {2} refused, {3} early, {4} failed' -f $window.seconds, $window.sent, $window.refused, $window.early, $window.failures) "$(Times $window.ratio) of the $('{0:N1}' -f $window.allowedSeconds) s the window allows" (Verdict '<= 1.10x allowed, 0 early, in input order' ($window.ratio -le 1.1 -and $window.early -eq 0 -and $window.failures -eq 0 -and $window.inOrder))
    Add-Row "8c. Apple Node AppStoreServerAPIClient.getTransactionInfo, $lookupText lookups one after another (timed inside Node)" (Rate $lookups.node.perSecond) "$(Times (Get-RoundRatio $lookups.node $lookups.sequential)) of 8a; 8b is $(Times (Get-RoundRatio $lookups.throttled $lookups.node)) of 8c" 'reference'

    $receiptText = $ReceiptRows.ToString('N0')
    Add-Row "9a. Apple Node $($receiptBench.node.library) ReceiptUtility.extractTransactionIdFromAppReceipt (jsrsasign $($receiptBench.node.jsrsasign)), $receiptText DER app receipts of 1 to 36 purchases, in turn with 9b (timed inside Node)" (Rate $receiptBench.node.perSecond) '' 'reference'
    Add-Row "9b. pwsh: `$null = <$receiptText strings> | ConvertFrom-AppStoreReceipt (every field of every purchase, default -ThrottleLimit), vs 9a" (Rate $receiptBench.module.perSecond) (Times $receiptBench.moduleToNode) (Verdict '>= 3x Node' ($receiptBench.moduleToNode -ge 3))

    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add("AppStoreJws bench, $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm')) UTC: $cpu, $([Environment]::ProcessorCount) cores, load average at start $load; PowerShell $($PSVersionTable.PSVersion), .NET $($core.runtime), Node $node")
    $lines.Add('')
    $lines.Add('| Measure | Result | Ratio | Target |')
    $lines.Add('|---|---:|---:|---|')
    foreach ($row in $table) { $lines.Add('| ' + (($row | ForEach-Object { $_.Replace('|', '\|') }) -join ' | ') + ' |') }
    $lines.Add('')
    $lines.Add("Rates are medians: BenchmarkDotNet's over 11 iterations; wall clock over $PipelineRuns rounds of $rowsText rows after a warm-up (Apple's JWS creator: 1 run).")
    $lines.Add('Targets are judged on ratios that do not straddle a change of load: core to raw from alternating 200 ms blocks ("paired");')
    $lines.Add('pipelines to raw (1b) and to Node v1 (5a) as the median of per-round ratios; core v1 to Node v1 as (paired core v1/raw) x (1b/5a).')
    $lines.Add('The plain ratios of medians taken at different minutes are shown beside them.')
    $lines.Add("Whole bench: $('{0:N0}' -f $started.Elapsed.TotalSeconds) s; load average at the end $(if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' ' } else { 'n/a' }).")

    $results = Join-Path $OutputFolder 'results.md'
    $lines | Set-Content $results
    Write-Host ''
    $lines | ForEach-Object { Write-Host $_ }
    Write-Host ''
    Write-Host "Written to $results"
}
finally {
    Remove-Item -LiteralPath $work.FullName -Recurse -Force -ErrorAction Ignore
}
