# Real Gallery packaging: Publish-PSResource of the staged module to a local file repository, then
# Install-PSResource from it and Import-Module by name in a clean session. The child sessions get a
# temporary HOME, so repository registration and the installed module never touch the user's own.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:staged = Split-Path $env:APPSTOREJWS_MODULE
    $script:sandbox = New-TestFolder
    $script:repository = New-Item -ItemType Directory -Path (Join-Path $sandbox 'repository') -Force
    $script:realHome = $env:HOME
    $env:HOME = $sandbox.FullName
    try {
        $script:publish = Invoke-ChildPwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name AppStoreJwsTest -Uri '$repository' -Trusted
Publish-PSResource -Path '$staged' -Repository AppStoreJwsTest
Install-PSResource AppStoreJws -Repository AppStoreJwsTest -TrustRepository -Scope CurrentUser
'installed:' + (Get-InstalledPSResource AppStoreJws).InstalledLocation
"@
        $script:use = Invoke-ChildPwsh @'
$ErrorActionPreference = 'Stop'
Import-Module AppStoreJws
'path:' + (Get-Module AppStoreJws).ModuleBase
$key = New-AppStoreTestKey -Folder (Join-Path $HOME 'keys') -IssuerId 57246542-96fe-1a63-e053-0824d011072a -BundleId com.example.app
'token:' + (New-PromotionalOfferJws -Key $key -ProductId p -OfferIdentifier o).Token.Split('.').Count
'@
    }
    finally {
        $env:HOME = $realHome
    }
}

AfterAll {
    Remove-TestFolder $sandbox
}

Describe 'Gallery packaging' {
    It 'publishes one package to a local repository' {
        $publish | Where-Object { $_ -match 'Exception|Error' } | Should -BeNullOrEmpty
        (Get-ChildItem $repository -Filter '*.nupkg').Name | Should -Be "AppStoreJws.$((Import-PowerShellDataFile $env:APPSTOREJWS_MODULE).ModuleVersion).nupkg"
    }

    It 'packs exactly the staged files' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $package = [IO.Compression.ZipFile]::OpenRead((Get-ChildItem $repository -Filter '*.nupkg').FullName)
        try {
            $packed = $package.Entries.FullName | Where-Object { $_ -notmatch '(^_rels/|^package/|\[Content_Types\]\.xml$|\.nuspec$)' } | Sort-Object
        }
        finally { $package.Dispose() }
        $stagedFiles = Get-ChildItem $staged -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($staged, $_.FullName).Replace('\', '/') } | Sort-Object
        $packed | Should -Be $stagedFiles
    }

    It 'installs with Install-PSResource into the user scope' {
        $publish | Where-Object { $_ -like 'installed:*' } | Should -BeLike "installed:$sandbox*"
    }

    It 'imports by name in a clean session and signs' {
        $use | Where-Object { $_ -like 'path:*' } | Should -BeLike "path:$sandbox*AppStoreJws*"
        $use | Should -Contain 'token:3'
    }
}
