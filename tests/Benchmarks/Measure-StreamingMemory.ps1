#requires -Version 7.6
<#
.SYNOPSIS
    Streams -Rows generated rows through New-PromotionalOfferJws to Out-Null and reports the process's peak
    working set; run by Invoke-Benchmarks.ps1 in a fresh child pwsh per row count, so the peaks compare.
.DESCRIPTION
    Rows are made one at a time by a loop inside the pipeline and never collected, so a peak that grows with
    -Rows means something along the way (the cmdlet, the core, the key's signer pool) keeps them.
    Writes one JSON object to -OutFile: rows, seconds, tokens per second, peak working set and live heap
    afterwards, in bytes.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [Parameter(Mandatory)] [string] $OutFile,
    [Parameter(Mandatory)] [int] $Rows
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath

$key = New-AppStoreTestKey -Folder $WorkFolder -IssuerId '57246542-96fe-1a63-e053-0824d011072a' -BundleId 'com.example.bench'

$clock = [Diagnostics.Stopwatch]::StartNew()
& {
    for ($i = 0; $i -lt $Rows; $i++) {
        [pscustomobject]@{
            ProductId       = "com.example.subscription.tier$($i % 5)"
            OfferIdentifier = "WINBACK$($i % 3)"
            TransactionId   = [string](2000000000000000 + $i)
        }
    }
} | New-PromotionalOfferJws -Key $key | Out-Null
$seconds = $clock.Elapsed.TotalSeconds

# On Linux this is the kernel's high-water mark of resident memory (VmHWM) for the whole process.
$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64

# What is still reachable once the rows are gone: grows with -Rows only if something keeps them.
$liveHeap = [GC]::GetTotalMemory($true)

[ordered]@{ rows = $Rows; seconds = $seconds; perSecond = $Rows / $seconds; peakWorkingSetBytes = $peak; liveHeapBytesAfter = $liveHeap } |
    ConvertTo-Json | Set-Content $OutFile
