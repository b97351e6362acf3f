BeforeAll {
    $script:manifestPath = $env:APPSTOREJWS_MODULE
    $script:staged = Split-Path $manifestPath
    $script:manifest = Import-PowerShellDataFile $manifestPath
    Import-Module $manifestPath -Force
    $script:module = Get-Module AppStoreJws
}

Describe 'Module manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
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
            'PromotionalOfferJws', 'PromotionalOfferSignatureV1', 'PromotionalOfferV1Report', 'SignedDataPayload', 'SignedDataReport',
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
