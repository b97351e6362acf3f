#requires -Version 7.6
<#
.SYNOPSIS
    Times receipt decoding: the staged module's pipeline against Apple's Node ReceiptUtility; run by
    Invoke-Benchmarks.ps1 in a child pwsh.
.DESCRIPTION
    The receipts are app receipts in DER as the App Store writes them, built by tests/TestReceipts.psm1: a subscriber's
    monthly renewals, 1 to 36 purchases each (eight receipts of 1.4 to 14 KB, cycled), -Rows of them.
      module  $null = <-Rows base64 strings> | ConvertFrom-AppStoreReceipt: every field of every purchase decoded
      node    Apple's ReceiptUtility.extractTransactionIdFromAppReceipt on the same strings, -Rows calls, timed inside
              Node (tests/interop/receipts.mjs bench): one transaction ID per receipt, nothing else
    Both are warmed up, then timed in -Runs rounds taking turns, so each round's ratio compares figures taken under
    the same load. Writes one JSON object to -OutFile: per side, the rate of every round and their median, and the
    median of the per-round ratios.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [Parameter(Mandatory)] [string] $OutFile,
    [int] $Rows = 10000,
    [int] $Runs = 5
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot '../TestReceipts.psm1')
$nodeScript = Join-Path $PSScriptRoot '../interop/receipts.mjs'

$start = [DateTimeOffset]::new(2021, 1, 15, 9, 30, 0, [TimeSpan]::Zero)
$distinct = foreach ($count in 1, 2, 4, 8, 12, 16, 24, 36) {
    $original = 2000000000000000 + $count * 1000
    $purchases = @(foreach ($month in 0..($count - 1)) {
        New-TestPurchase -ProductId com.example.premium.monthly -TransactionId "$($original + $month)" -OriginalTransactionId "$original" `
            -PurchaseDate $start.AddMonths($month) -ExpiresDate $start.AddMonths($month + 1) -WebOrderLineItemId (2000000090000000 + $original + $month) -IsTrialPeriod ($month -eq 0)
    })
    [Convert]::ToBase64String((New-TestAppReceipt -Purchase $purchases))
}
$strings = [string[]]::new($Rows)
for ($i = 0; $i -lt $Rows; $i++) { $strings[$i] = $distinct[$i % $distinct.Count] }
$receiptsFile = Join-Path $WorkFolder 'receipts.json'
@{ receipts = @($distinct) } | ConvertTo-Json -Compress | Set-Content -LiteralPath $receiptsFile

function Measure-Module {
    [GC]::Collect()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $null = $strings | ConvertFrom-AppStoreReceipt
    $Rows / $clock.Elapsed.TotalSeconds
}

function Measure-Node {
    $result = & node $nodeScript bench $Rows $receiptsFile | ConvertFrom-Json
    if ($LASTEXITCODE -ne 0) { throw "receipts.mjs bench failed with exit code $LASTEXITCODE." }
    $result
}

# Both decode every receipt the same way: the module's objects hold what Apple's utility returns.
$check = @($distinct | ConvertFrom-AppStoreReceipt)
if (@($check | Where-Object { -not $_.TransactionId }).Count) { throw 'A bench receipt decoded without a transaction ID.' }

$null = Measure-Module
$moduleRuns = [Collections.Generic.List[double]]::new()
$nodeRuns = [Collections.Generic.List[double]]::new()
$nodeInfo = $null
for ($run = 0; $run -lt $Runs; $run++) {
    $moduleRuns.Add((Measure-Module))
    $nodeInfo = Measure-Node
    $nodeRuns.Add($nodeInfo.perSecond)
}

function Get-Median([double[]] $Values) { $sorted = [double[]]($Values | Sort-Object); $sorted[[int][Math]::Floor($sorted.Count / 2)] }
$ratios = @(for ($i = 0; $i -lt $Runs; $i++) { $moduleRuns[$i] / $nodeRuns[$i] })
[ordered]@{
    rows            = $Rows
    receiptBytes    = @($distinct | ForEach-Object { [Convert]::FromBase64String($_).Length })
    purchases       = @($check | ForEach-Object { $_.InAppPurchases.Count })
    module          = @{ runs = $moduleRuns; perSecond = Get-Median $moduleRuns }
    node            = @{ runs = $nodeRuns; perSecond = Get-Median $nodeRuns; node = $nodeInfo.node; library = $nodeInfo.library; jsrsasign = $nodeInfo.jsrsasign }
    moduleToNode    = Get-Median $ratios
} | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $OutFile
