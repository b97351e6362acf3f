<#
.SYNOPSIS
    Runs the Pester suite against the staged module; called by build.ps1 -Task Test in a child pwsh.
    Ends with the line "N passed, N failed" and exits non-zero when any test failed or none ran.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath,

    # Test files to run, joined by the path separator; all of tests/ when empty.
    [string] $TestPath
)

$ErrorActionPreference = 'Stop'
# Plain text keeps ANSI escapes out of failure messages and the NUnit report.
$PSStyle.OutputRendering = 'PlainText'
Import-Module (Resolve-Path -LiteralPath $PesterPath).Path -Force

# The test files read these to find what to test.
$env:APPSTOREJWS_MODULE = (Resolve-Path -LiteralPath $ModulePath).Path
$env:APPSTOREJWS_REPO = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..')).Path

$configuration = New-PesterConfiguration
$configuration.Run.Path = if ($TestPath) { @($TestPath -split [IO.Path]::PathSeparator) } else { $PSScriptRoot }
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $ResultPath 'pester.xml'
New-Item -ItemType Directory -Path $ResultPath -Force | Out-Null

$result = Invoke-Pester -Configuration $configuration
Write-Host "$($result.PassedCount) passed, $($result.FailedCount) failed"
if ($result.FailedCount -gt 0 -or $result.PassedCount -eq 0 -or $result.Result -ne 'Passed') {
    exit 1
}
