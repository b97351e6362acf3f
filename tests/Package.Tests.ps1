# Real Gallery packaging: Publish-PSResource of the staged module to a local file repository, then
# Install-PSResource from it and Import-Module by name in a clean session. The child sessions get a
# temporary HOME and XDG folders and start in the sandbox, so repository registration, the installed
# module and the NuGet.Config that NuGet writes (relative to the working directory when it finds no
# settings folder) never touch the user's own settings or the checkout; the repository is unregistered.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:staged = Split-Path $env:APPSTOREJWS_MODULE
    $script:sandbox = New-TestFolder
    $script:repository = New-Item -ItemType Directory -Path (Join-Path $sandbox 'repository') -Force
    $script:workingFolder = (Get-Location).ProviderPath
    $script:nugetBefore = Test-Path -LiteralPath (Join-Path $workingFolder 'NuGet')
    # The XDG folders sit where they default to under the sandbox HOME: PSResourceGet installs under
    # HOME/.local/share while PowerShell looks under XDG_DATA_HOME, so the two must agree.
    $isolated = [ordered]@{ HOME = 'home'; XDG_CONFIG_HOME = 'home/.config'; XDG_DATA_HOME = 'home/.local/share'; XDG_CACHE_HOME = 'home/.cache' }
    $saved = @{}
    foreach ($name in $isolated.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        $folder = New-Item -ItemType Directory -Path (Join-Path $sandbox $isolated[$name]) -Force
        [Environment]::SetEnvironmentVariable($name, $folder.FullName)
    }
    try {
        $script:publish = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath '$sandbox'
Register-PSResourceRepository -Name AppStoreJwsTest -Uri '$repository' -Trusted
try {
    Publish-PSResource -Path '$staged' -Repository AppStoreJwsTest
    Install-PSResource AppStoreJws -Repository AppStoreJwsTest -TrustRepository -Scope CurrentUser
    'installed:' + (Get-InstalledPSResource AppStoreJws).InstalledLocation
}
finally {
    Unregister-PSResourceRepository -Name AppStoreJwsTest
}
'repositories:' + ((Get-PSResourceRepository).Name -join ',')
"@
        $script:use = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath '$sandbox'
Import-Module AppStoreJws
'path:' + (Get-Module AppStoreJws).ModuleBase
`$key = New-AppStoreTestKey -Folder (Join-Path `$HOME 'keys') -IssuerId 57246542-96fe-1a63-e053-0824d011072a -BundleId com.example.app
'token:' + (New-PromotionalOfferJws -Key `$key -ProductId p -OfferIdentifier o).Token.Split('.').Count
"@
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

AfterAll {
    Remove-TestFolder $sandbox
}

Describe 'Gallery packaging' {
    It 'publishes one package to a local repository' {
        $publish | Where-Object { $_ -match 'Exception|Error' } | Should -BeNullOrEmpty
        (Get-ChildItem -LiteralPath $repository -Filter '*.nupkg').Name | Should -Be "AppStoreJws.$((Import-PowerShellDataFile $env:APPSTOREJWS_MODULE).ModuleVersion).nupkg"
    }

    It 'packs exactly the staged files' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $package = [IO.Compression.ZipFile]::OpenRead((Get-ChildItem -LiteralPath $repository -Filter '*.nupkg').FullName)
        try {
            $packed = $package.Entries.FullName | Where-Object { $_ -notmatch '(^_rels/|^package/|\[Content_Types\]\.xml$|\.nuspec$)' } | Sort-Object
        }
        finally { $package.Dispose() }
        $stagedFiles = Get-ChildItem -LiteralPath $staged -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($staged, $_.FullName).Replace('\', '/') } | Sort-Object
        $packed | Should -Be $stagedFiles
    }

    It 'installs with Install-PSResource into the user scope' {
        $publish | Where-Object { $_ -like 'installed:*' } | Should -BeLike "installed:$sandbox*"
    }

    It 'leaves no repository registered, in the sandbox or in the user''s own settings' {
        $publish | Where-Object { $_ -like 'repositories:*' } | Should -Not -BeLike '*AppStoreJwsTest*'
        Get-PSResourceRepository -Name AppStoreJwsTest -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'writes no NuGet settings into the folder the tests run in' {
        if (-not $nugetBefore) { Join-Path $workingFolder 'NuGet' | Should -Not -Exist }
        $publish | Where-Object { $_ -match 'Exception|Error' } | Should -BeNullOrEmpty
    }

    It 'imports by name in a clean session and signs' {
        $use | Where-Object { $_ -like 'path:*' } | Should -BeLike "path:$sandbox*AppStoreJws*"
        $use | Should -Contain 'token:3'
    }
}
