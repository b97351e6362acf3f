BeforeAll {
    $script:manifestPath = $env:APPSTOREJWS_MODULE
    $script:staged = Split-Path $manifestPath
    $script:manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
    Import-Module $manifestPath -Force
    $script:module = Get-Module AppStoreJws
}

Describe 'Module manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path ([WildcardPattern]::Escape($manifestPath)) -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports an explicit list of cmdlets and nothing else' {
        $manifest.CmdletsToExport | Should -Not -BeNullOrEmpty
        $manifest.CmdletsToExport | Where-Object { $_ -match '\*' } | Should -BeNullOrEmpty
        @($manifest.FunctionsToExport) | Should -HaveCount 0
        @($manifest.AliasesToExport) | Should -HaveCount 0
        @($manifest.VariablesToExport) | Should -HaveCount 0
        ($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'exports every cmdlet the assembly defines' {
        $defined = [AppStoreJws.Commands.GetAppStoreKeyCommand].Assembly.GetTypes() |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { "$($_.VerbName)-$($_.NounName)" }
        ($defined | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'keeps the core''s public types to what PowerShell users receive: output objects, their base classes and the exceptions' {
        # Factories, readers, the linter and helpers are internal; adding a public type to the core is a decision, made here.
        $core = (Get-Command Get-AppStoreKey).OutputType[0].Type.Assembly
        $expected = @(
            'AdvancedCommerceJws', 'AppStoreConnectApiToken', 'AppStoreJwsException', 'AppStoreKey', 'AppStoreServerApiException',
            'AppStoreReceipt', 'AppStoreReceiptAttribute', 'AppStoreReceiptPurchase', 'AppStoreServerApiToken', 'BearerToken', 'DecodedJws', 'ErrorKind', 'IntroEligibilityJws', 'JwsCheck', 'JwsLintReport',
            'PromotionalOfferJws', 'PromotionalOfferSignatureV1', 'PromotionalOfferV1Report', 'RetentionResponse', 'SignedDataPayload', 'SignedDataReport',
            'StoreKitJws', 'ValidatedRequest')
        @($core.GetExportedTypes() | ForEach-Object Name | Sort-Object) | Should -Be ($expected | Sort-Object)
    }

    It 'declares Core, PowerShell 7.6 and the Gallery metadata' {
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.PowerShellVersion | Should -Be '7.6'
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.Author | Should -Not -BeNullOrEmpty
        [guid]$manifest.GUID | Should -Not -Be ([guid]::Empty)
        $manifest.PrivateData.PSData.Tags | Where-Object { $_ -match '\s' } | Should -BeNullOrEmpty
        $manifest.PrivateData.PSData.LicenseUri | Should -Match '^https://'
        $manifest.PrivateData.PSData.ProjectUri | Should -Match '^https://'
    }

    It 'describes the whole module on the Gallery: signing, verification and the Server API, with each tag once' {
        $manifest.Description | Should -Match 'Signs'
        $manifest.Description | Should -Match 'Verifies what Apple signs'
        $manifest.Description | Should -Match 'App Store Server API'
        $tags = @($manifest.PrivateData.PSData.Tags)
        @($tags | ForEach-Object ToLowerInvariant | Select-Object -Unique).Count | Should -Be $tags.Count -Because 'the Gallery compares tags without regard to case'
        $tags | Should -Contain 'AppStoreServerAPI'
    }

    It 'carries the changelog''s notes of its version (or Unreleased) as ReleaseNotes' {
        $changelog = Join-Path $env:APPSTOREJWS_REPO 'CHANGELOG.md'
        $changelog | Should -Exist
        $expected = & (Join-Path $env:APPSTOREJWS_REPO '.build/Get-ReleaseNotes.ps1') -LiteralPath $changelog -Version $manifest.ModuleVersion
        $manifest.PrivateData.PSData.ReleaseNotes | Should -BeExactly $expected
    }

    It 'has one version: the assemblies carry the manifest version' {
        $version = [version]$manifest.ModuleVersion
        foreach ($file in @('AppStoreJws.dll', 'Dependencies/AppStoreJws.Core.dll')) {
            $name = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $staged $file))
            $name.Version | Should -Be ([version]::new($version.Major, $version.Minor, $version.Build, 0))
        }
    }
}

Describe 'Staged module' {
    It 'contains only the allow-listed files' {
        $files = Get-ChildItem -LiteralPath $staged -Recurse -File | ForEach-Object { [IO.Path]::GetRelativePath($staged, $_.FullName).Replace('\', '/') } | Sort-Object
        $files | Should -Be (@(
                'AppStoreJws.dll'
                'AppStoreJws.format.ps1xml'
                'AppStoreJws.psd1'
                'AppStoreJws.types.ps1xml'
                'LICENSE'
                'en-US/AppStoreJws.dll-Help.xml'
                'en-US/about_AppStoreJws.help.txt'
                'en-US/about_AppStoreJws_Troubleshooting.help.txt'
                'Dependencies/AppStoreJws.Core.dll'
                'Dependencies/Microsoft.Extensions.Logging.Abstractions.dll'
                'Dependencies/Microsoft.IdentityModel.Abstractions.dll'
                'Dependencies/Microsoft.IdentityModel.Logging.dll'
                'Dependencies/Microsoft.IdentityModel.Tokens.dll'
            ) | Sort-Object)
    }

    It 'does not ship System.Management.Automation' {
        Get-ChildItem -LiteralPath $staged -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }

    It 'keeps the cmdlet assembly free of direct references to isolated dependencies' {
        # The cmdlet assembly lives in the shared load context; if it referenced Microsoft.IdentityModel
        # directly, that reference would resolve to whatever version another module loaded.
        $references = [Reflection.Assembly]::LoadFile((Join-Path $staged 'AppStoreJws.dll')).GetReferencedAssemblies().Name
        # Since the module targets .NET 10, the framework's own System.* assemblies are named one by one; what must
        # never appear is a library of the private load context (Dependencies/) other than the core itself.
        $isolated = Get-ChildItem -LiteralPath (Join-Path $staged 'Dependencies') -Filter '*.dll' | ForEach-Object BaseName | Where-Object { $_ -ne 'AppStoreJws.Core' }
        $isolated | Should -Not -BeNullOrEmpty
        $references | Where-Object { $_ -in $isolated -or $_ -like 'Microsoft.IdentityModel.*' } | Should -BeNullOrEmpty
        $references | Should -Contain 'AppStoreJws.Core'
    }

    It 'declares an output type on every cmdlet' {
        foreach ($name in $manifest.CmdletsToExport) {
            (Get-Command $name).OutputType | Should -Not -BeNullOrEmpty -Because "$name should declare [OutputType]"
        }
    }

    It 'has sealed cmdlet classes' {
        foreach ($name in $manifest.CmdletsToExport) {
            (Get-Command $name).ImplementingType.IsSealed | Should -BeTrue -Because "$name should be sealed"
        }
    }
}

Describe '.build/Get-ReleaseNotes.ps1' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $script:folder = New-TestFolder
        $script:changelog = Join-Path $folder 'CHANGELOG.md'
        $script:script = Join-Path $env:APPSTOREJWS_REPO '.build/Get-ReleaseNotes.ps1'
    }

    AfterAll {
        Remove-TestFolder $folder
    }

    It 'returns the section of the version, else Unreleased, else nothing' {
        Set-Content -LiteralPath $changelog -Value @(
            '# Changelog', '', 'Intro text.', '', '## [Unreleased]', '', '### Added', '- Next thing.', ''
            '## [0.2.0] - 2026-12-01', '', '### Fixed', "- It's fixed.", '', '## [0.1.0] - 2026-11-01', '- First.', ''
            '[Unreleased]: https://example.com/compare/v0.2.0...HEAD', '[0.2.0]: https://example.com/v0.2.0')
        & $script -LiteralPath $changelog -Version '0.2.0' | Should -BeExactly "### Fixed`n- It's fixed."
        & $script -LiteralPath $changelog -Version '0.1.0' | Should -BeExactly '- First.'
        & $script -LiteralPath $changelog -Version '0.3.0' | Should -BeExactly "### Added`n- Next thing."
        Set-Content -LiteralPath $changelog -Value @('# Changelog', '', '## [0.1.0]', '- First.')
        & $script -LiteralPath $changelog -Version '0.3.0' | Should -BeExactly ''
    }
}

Describe 'build.ps1 in a checkout whose path has brackets' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
        $script:folder = New-TestFolder
    }

    AfterAll {
        Remove-TestFolder $folder
    }

    It 'runs (every path it uses is literal)' {
        # A copy of the build script and its helpers in a folder named like a wildcard; -Task Clean needs no compiler.
        $checkout = New-Item -ItemType Directory -Path (Join-Path $folder '[x]1' | Join-Path -ChildPath 'repo') -Force
        Copy-Item -LiteralPath (Join-Path $env:APPSTOREJWS_REPO 'build.ps1') -Destination $checkout.FullName
        Copy-Item -LiteralPath (Join-Path $env:APPSTOREJWS_REPO '.build') -Destination $checkout.FullName -Recurse
        $null = New-Item -ItemType Directory -Path (Join-Path $checkout.FullName 'src/AppStoreJws/bin'), (Join-Path $checkout.FullName 'tests'), (Join-Path $checkout.FullName 'out') -Force
        $sandboxHome = New-Item -ItemType Directory -Path (Join-Path $folder 'home') -Force
        $escaped = $checkout.FullName.Replace("'", "''")
        $output = Invoke-ChildPwsh @"
`$env:HOME = '$($sandboxHome.FullName)'; `$env:XDG_CONFIG_HOME = '$($sandboxHome.FullName)'; `$env:XDG_DATA_HOME = '$($sandboxHome.FullName)'; `$env:XDG_CACHE_HOME = '$($sandboxHome.FullName)'
try { & (Join-Path '$escaped' 'build.ps1') -Task Clean; 'finished' } catch { "failed: `$_" }
"@
        $output | Should -Contain 'finished' -Because ($output -join "`n")
        Join-Path $checkout.FullName 'out' | Should -Not -Exist
        Join-Path $checkout.FullName 'src/AppStoreJws/bin' | Should -Not -Exist
    }
}
