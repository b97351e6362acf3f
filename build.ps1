<#
.SYNOPSIS
    Builds, stages, tests and demonstrates the AppStoreJws module.
.DESCRIPTION
    Run through the repository's pinned PowerShell: dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 -Task Test
    Build  compiles and stages the module into out/AppStoreJws (an allow-list of files only).
    Test   builds, fetches the test dependencies (Pester and an older Microsoft.IdentityModel from NuGet,
           jose and Apple's Node library from npm), runs the core's xUnit tests and then Pester against the
           staged module in a child pwsh. Exits non-zero on any failure.
    Demo   builds, creates a throwaway key and signs a promotional offer with it (the module's main job).
    Package builds and packs the staged module as out/package/AppStoreJws.<version>.nupkg for the Gallery.
    Bench  builds in Release, installs Apple's Node library, and prints one table of signing rates (raw ECDSA,
           the core, the module's pipelines, Apple's Node library), Import-Module time, streaming memory and
           Server API lookups against the test server (one at a time, -ThrottleLimit 8, Apple's Node client),
           all from the same run; also written to out/bench/results.md. Reports, never fails on a figure.
    Clean  removes out/ and the projects' bin/obj folders.
#>
# Below the help: a #requires line above it would hide it from Get-Help ./build.ps1.
#requires -Version 7.6
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # With -Task Test: run only these Pester files (paths or names under tests/), and skip the xUnit run
    # unless -Unit is also given. For quick runs while working on one area; CI runs everything.
    [string[]] $TestPath,

    [switch] $Unit,

    # With -Task Bench: another build of the module (a staged AppStoreJws.psd1, such as an earlier release's),
    # timed in the same run so the table shows what a change costs the pipeline from objects (row 3f).
    [string] $BaselineModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$Staged = Join-Path $Out 'AppStoreJws'
$Packages = Join-Path $Out 'packages'

# The files a user's machine needs, and nothing else. The core and the libraries the .NET shared framework
# does not provide go to Dependencies/, which the module's own load context reads; System.Text.Json and
# System.Formats.Asn1 are taken from PowerShell's framework, which is always at least as new as our reference.
$ModuleFiles = @('AppStoreJws.dll', 'AppStoreJws.format.ps1xml', 'AppStoreJws.types.ps1xml')
$DependencyFiles = @(
    'AppStoreJws.Core.dll'
    'Microsoft.IdentityModel.Tokens.dll'
    'Microsoft.IdentityModel.Logging.dll'
    'Microsoft.IdentityModel.Abstractions.dll'
    'Microsoft.Extensions.Logging.Abstractions.dll'
)

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $Command, [string[]] $Arguments = @())
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    $publish = Join-Path $Out 'publish'
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/AppStoreJws/AppStoreJws.csproj'), '-c', $Configuration, '-o', $publish, '--nologo', '-v', 'quiet')

    if (Test-Path -LiteralPath $Staged) { Remove-Item -LiteralPath $Staged -Recurse -Force }
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $Staged 'Dependencies') -Force
    Copy-Item -LiteralPath (Join-Path $Root 'AppStoreJws.psd1') -Destination $Staged
    Set-ReleaseNote -LiteralPath (Join-Path $Staged 'AppStoreJws.psd1')
    Copy-Item -LiteralPath (Join-Path $Root 'LICENSE') -Destination $Staged
    foreach ($file in $ModuleFiles) { Copy-Item -LiteralPath (Join-Path $publish $file) -Destination $Staged }
    foreach ($file in $DependencyFiles) { Copy-Item -LiteralPath (Join-Path $publish $file) -Destination $dependencies }
    & (Join-Path $Root '.build/ConvertTo-MamlHelp.ps1') -ModuleManifest (Join-Path $Staged 'AppStoreJws.psd1') -DocsFolder (Join-Path $Root 'docs') -Destination (Join-Path $Staged 'en-US/AppStoreJws.dll-Help.xml')
    & (Join-Path $Root '.build/ConvertTo-AboutHelp.ps1') -LiteralPath (Join-Path $Root 'docs/about_AppStoreJws.md') -TopicName about_AppStoreJws -Destination (Join-Path $Staged 'en-US/about_AppStoreJws.help.txt')
    & (Join-Path $Root '.build/ConvertTo-AboutHelp.ps1') -LiteralPath (Join-Path $Root 'docs/Troubleshooting.md') -TopicName about_AppStoreJws_Troubleshooting -Destination (Join-Path $Staged 'en-US/about_AppStoreJws_Troubleshooting.help.txt')
    Write-Host "Staged the module in $Staged"
}

function Set-ReleaseNote {
    # The Gallery shows the manifest's ReleaseNotes: the changelog's section of this version (or Unreleased).
    param([Parameter(Mandatory)] [string] $LiteralPath)
    $changelog = Join-Path $Root 'CHANGELOG.md'
    if (-not (Test-Path -LiteralPath $changelog -PathType Leaf)) { return }
    $version = (Import-PowerShellDataFile -LiteralPath $LiteralPath).ModuleVersion
    $notes = & (Join-Path $Root '.build/Get-ReleaseNotes.ps1') -LiteralPath $changelog -Version $version
    $manifest = [IO.File]::ReadAllText($LiteralPath)
    $placeholder = "ReleaseNotes = ''"
    if (-not $manifest.Contains($placeholder)) { throw "The manifest has no `"$placeholder`" line for the release notes." }
    $manifest = $manifest.Replace($placeholder, "ReleaseNotes = '$($notes -replace "'", "''")'")
    [IO.File]::WriteAllText($LiteralPath, $manifest, [Text.UTF8Encoding]::new($false))
}

function Test-AppleTestData {
    # Apple's own test vectors and reference certificates may be read from ../shared beside the repository but never
    # copied into it: without them the tests that need them are skipped, unless APPSTOREJWS_REQUIRE_APPLE_DATA asks
    # for them (CI does), so that a skipped test can never pass for a run.
    $shared = Join-Path $Root '../shared/apple-test-vectors'
    if (Test-Path -LiteralPath $shared -PathType Container) { return }
    if ($env:APPSTOREJWS_REQUIRE_APPLE_DATA) {
        throw "APPSTOREJWS_REQUIRE_APPLE_DATA is set, but Apple's test vectors are not at $shared (a folder beside the repository)."
    }
    Write-Warning "Apple's test vectors are not beside this checkout (../shared/apple-test-vectors): the tests that read them are skipped."
}

function Install-TestDependency {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/TestDependencies/TestDependencies.csproj'), '--packages', $Packages, '--nologo', '-v', 'quiet')
    Install-InteropDependency
}

function Install-InteropDependency {
    # npm writes node_modules/.package-lock.json on every install: when the lockfile is newer (a pin changed in a pull),
    # the installed packages are stale and are installed again from the lockfile.
    $interop = Join-Path $Root 'tests/interop'
    $installed = Join-Path $interop 'node_modules/.package-lock.json'
    $stale = -not [IO.File]::Exists($installed) -or
        [IO.File]::GetLastWriteTimeUtc($installed) -lt [IO.File]::GetLastWriteTimeUtc((Join-Path $interop 'package-lock.json'))
    if ($stale) {
        Push-Location -LiteralPath $interop
        try { Invoke-Native npm @('ci', '--no-audit', '--no-fund', '--loglevel', 'error') }
        finally { Pop-Location }
    }
}

function Invoke-Test {
    Invoke-Build
    Install-TestDependency
    Test-AppleTestData

    if (-not $TestPath -or $Unit) {
        Invoke-Native dotnet @('test', (Join-Path $Root 'tests/AppStoreJws.Core.Tests/AppStoreJws.Core.Tests.csproj'), '-c', $Configuration, '--nologo', '-v', 'quiet')
    }

    # Pester runs in a child pwsh so the staged DLLs are loaded there, not locked in this session.
    $runner = Join-Path $Root 'tests/Invoke-Pester.ps1'
    $pester = Join-Path $Packages 'pester/5.7.1/tools/Pester.psd1'
    # The runner's last line is Pester's "N passed, N failed"; nothing is printed after it, even on failure.
    # From `pwsh -File`, a list such as A.Tests.ps1,B.Tests.ps1 arrives as one string.
    $selection = @(foreach ($path in @($TestPath -split ',' | Where-Object { $_ })) {
            if (Test-Path -LiteralPath $path) { (Resolve-Path -LiteralPath $path).Path } else { Join-Path $Root "tests/$path" }
        })
    $runnerArguments = @('-PesterPath', $pester, '-ModulePath', (Join-Path $Staged 'AppStoreJws.psd1'), '-ResultPath', (Join-Path $Out 'TestResults'))
    if ($selection) { $runnerArguments += @('-TestPath', ($selection -join [IO.Path]::PathSeparator)) }
    & dotnet pwsh -NoProfile -NonInteractive -File $runner @runnerArguments
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Demo {
    Invoke-Build
    $script = Join-Path $Root 'docs/examples/Demo.ps1'
    Invoke-Native dotnet @('pwsh', '-NoProfile', '-NonInteractive', '-File', $script, '-ModulePath', (Join-Path $Staged 'AppStoreJws.psd1'))
}

function Invoke-Package {
    Invoke-Build
    $package = New-Item -ItemType Directory -Path (Join-Path $Out 'package') -Force
    Compress-PSResource -Path $Staged -DestinationPath $package
    Get-ChildItem -LiteralPath $package -Filter '*.nupkg' | ForEach-Object { Write-Host "Packed $($_.FullName)" }
}

function Invoke-Bench {
    # Timings of a Debug build say nothing about what users get.
    $script:Configuration = 'Release'
    Invoke-Build
    Install-InteropDependency
    $script = Join-Path $Root 'tests/Benchmarks/Invoke-Benchmarks.ps1'
    $arguments = @('pwsh', '-NoProfile', '-NonInteractive', '-File', $script, '-ModulePath', (Join-Path $Staged 'AppStoreJws.psd1'), '-OutputFolder', (Join-Path $Out 'bench'))
    if ($BaselineModulePath) { $arguments += @('-BaselineModulePath', $BaselineModulePath) }
    Invoke-Native dotnet $arguments
}

function Invoke-Clean {
    foreach ($folder in @($Out) + (Get-ChildItem -LiteralPath (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Directory -Recurse -Include bin, obj).FullName) {
        if ($folder -and (Test-Path -LiteralPath $folder)) { Remove-Item -LiteralPath $folder -Recurse -Force }
    }
}

Push-Location -LiteralPath $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Package' { Invoke-Package }
        'Bench' { Invoke-Bench }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
