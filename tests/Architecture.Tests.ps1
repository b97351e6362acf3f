# Keeps docs/ARCHITECTURE.md true to the code: every source folder and every abstract cmdlet base is named there,
# and no source file grows past the size a reader can hold in mind. The doc drifted once (folders added, a base
# renamed, a recipe missing a step); these tests fail the day it drifts again.

BeforeDiscovery {
    $source = Join-Path $env:APPSTOREJWS_REPO 'src'
    $script:folders = foreach ($project in 'AppStoreJws.Core', 'AppStoreJws') {
        $root = Join-Path $source $project
        Get-ChildItem -LiteralPath $root -Directory -Recurse |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)([\\/]|$)' } |
            ForEach-Object { @{ Project = $project; Folder = [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') } }
    }
}

BeforeAll {
    $script:architecture = Get-Content -LiteralPath (Join-Path $env:APPSTOREJWS_REPO 'docs/ARCHITECTURE.md') -Raw
    Import-Module $env:APPSTOREJWS_MODULE -Force
    $module = Get-Module AppStoreJws
    $script:assembly = $module.ImplementingAssembly
    $script:cmdletBases = @($assembly.GetTypes() | Where-Object { $_.IsAbstract -and $_.IsSubclassOf([System.Management.Automation.PSCmdlet]) })
}

Describe 'docs/ARCHITECTURE.md' {
    It 'names the folder <Folder>/ of <Project>' -ForEach $folders {
        $architecture | Should -Match ([regex]::Escape("$Folder/")) -Because "every folder is described where a reader looks for its room"
    }

    It 'names every abstract cmdlet base' {
        $cmdletBases | Should -Not -BeNullOrEmpty
        foreach ($base in $cmdletBases) {
            $architecture | Should -Match "\b$([regex]::Escape($base.Name))\b" -Because "$($base.Name) is a base cmdlets derive from"
        }
    }
}

Describe 'The Server API cmdlets' {
    It 'derive from one base, AppStoreServerApiCommand, which derives from PSCmdlet' {
        $serverApi = $assembly.GetType('AppStoreJws.Commands.AppStoreServerApiCommand', $true)
        $serverApi.BaseType | Should -Be ([System.Management.Automation.PSCmdlet])
        $cmdlets = @($assembly.GetTypes() | Where-Object { -not $_.IsAbstract -and $_.IsSubclassOf($serverApi) })
        $cmdlets.Count | Should -BeGreaterOrEqual 14
        $deeper = @($cmdlets | Where-Object { $_.BaseType -ne $serverApi } | ForEach-Object { "$($_.Name) derives from $($_.BaseType.Name)" })
        $deeper | Should -BeNullOrEmpty -Because 'what a deeper base would share is a helper object the cmdlet holds'
        @($cmdlets | Where-Object { -not $_.IsSealed }).Name | Should -BeNullOrEmpty
    }

    It 'give the verifying parameters only to the cmdlets that verify what Apple signs (the signed-data cmdlets too)' {
        $verifying = 'TrustedRoot', 'AppAppleId', 'FallbackToSandbox', 'SandboxBaseUri', 'ThrottleLimit'
        foreach ($name in 'Invoke-AppStoreServerApi', 'Send-AppStoreConsumptionInfo', 'Set-AppStoreAppAccountToken', 'Update-AppStoreSubscriptionRenewalDate', 'Get-AppStoreRenewalExtensionStatus') {
            @((Get-Command $name).Parameters.Keys | Where-Object { $_ -in $verifying }) | Should -BeNullOrEmpty -Because "$name verifies nothing"
        }
        foreach ($name in 'Get-AppStoreTransaction', 'Get-AppStoreAppTransaction', 'Get-AppStoreOrder', 'Get-AppStoreSubscriptionStatus', 'Get-AppStoreRefundHistory',
            'Get-AppStoreTransactionHistory', 'Get-AppStoreNotificationHistory', 'Get-AppStoreTestNotificationStatus', 'Send-AppStoreTestNotification',
            'ConvertFrom-AppStoreSignedData', 'Test-AppStoreSignedData') {
            $parameters = (Get-Command $name).Parameters
            $parameters.Keys | Should -Contain 'TrustedRoot'
            $parameters['AppAppleId'].ParameterType | Should -Be ([Nullable[long]])
        }
    }
}

Describe 'Source files' {
    It 'has none over 400 lines' {
        $source = Join-Path $env:APPSTOREJWS_REPO 'src'
        $files = @(Get-ChildItem -LiteralPath $source -Filter '*.cs' -Recurse | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' })
        $files | Should -Not -BeNullOrEmpty
        $long = foreach ($file in $files) {
            $lines = @(Get-Content -LiteralPath $file.FullName).Count
            if ($lines -gt 400) { "$([IO.Path]::GetRelativePath($source, $file.FullName)): $lines lines" }
        }
        $long | Should -BeNullOrEmpty
    }
}
