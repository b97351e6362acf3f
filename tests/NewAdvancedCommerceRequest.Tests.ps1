# New-AdvancedCommerceRequest: the in-app Advanced Commerce requests it builds, checked by the same rules as
# New-AdvancedCommerceJws, and its completions.

BeforeDiscovery { . (Join-Path $PSScriptRoot 'AdvancedCommerce.TestData.ps1') }

BeforeAll {
    . (Join-Path $PSScriptRoot 'AdvancedCommerce.TestData.ps1')
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:key = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:cmdlet = Get-CmdletTypeName New-AdvancedCommerceRequest
}

Describe 'New-AdvancedCommerceRequest' {
    It 'builds each in-app operation (<Operation>) that signs' -ForEach @(
        @{ Operation = 'CREATE_ONE_TIME_CHARGE'; Parameters = @{ Currency = 'USD'; TaxCode = 'C003-00-2'; Item = @{ SKU = 'B1'; displayName = 'Book'; description = 'A book'; price = 4990 } } }
        @{ Operation = 'CREATE_SUBSCRIPTION'; Parameters = @{ Currency = 'USD'; TaxCode = 'C003-00-2'; Period = 'P1M'; Descriptors = @{ displayName = 'Pro'; description = 'Pro plan' }; Item = @(@{ SKU = 'PRO'; displayName = 'Pro'; description = 'Monthly'; price = 9990 }) } }
        @{ Operation = 'MODIFY_SUBSCRIPTION'; Parameters = @{ TransactionId = '2000000123456789'; RetainBillingCycle = 'true'; RemoveItems = @(@{ SKU = 'OLD' }) } }
        @{ Operation = 'REACTIVATE_SUBSCRIPTION'; Parameters = @{ TransactionId = '2000000123456789' } }
    ) {
        $request = New-AdvancedCommerceRequest $Operation @Parameters
        $request.Operation | Should -BeExactly $Operation
        $request.RequestReferenceId | Should -Match '^[0-9a-f-]{36}$'
        $jws = $request | New-AdvancedCommerceJws -Key $key
        Get-RequestClaim $jws.Token | Should -BeExactly $request.Json
        $jws.RequestReferenceId | Should -BeExactly $request.RequestReferenceId
        ($request.Json | ConvertFrom-Json).version | Should -BeExactly '1'
    }

    It 'emits retainBillingCycle as a JSON boolean' {
        $request = New-AdvancedCommerceRequest MODIFY_SUBSCRIPTION -TransactionId 1 -RetainBillingCycle no
        $request.Json | Should -Match '"retainBillingCycle":false'
    }

    It 'completes the operation and period on the command line' {
        $line = 'New-AdvancedCommerceRequest -Operation CREATE_'
        $operations = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $operations | Should -Contain 'CREATE_ONE_TIME_CHARGE'
        $operations | Should -Contain 'CREATE_SUBSCRIPTION'
        $line = 'New-AdvancedCommerceRequest -Period P'
        $periods = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $periods | Should -Be @('P1W', 'P1M', 'P2M', 'P3M', 'P6M', 'P1Y')
    }

    It 'refuses a server-only operation with the same explanation as New-AdvancedCommerceJws' {
        $null = New-AdvancedCommerceRequest CANCEL_SUBSCRIPTION -ErrorVariable built -ErrorAction SilentlyContinue
        $null = New-AdvancedCommerceJws -Key $key -Request '{"operation":"CANCEL_SUBSCRIPTION"}' -ErrorVariable signed -ErrorAction SilentlyContinue
        $built | Should -HaveCount 1
        $built[0].FullyQualifiedErrorId | Should -Be "ServerOnlyOperation,$cmdlet"
        $signed[0].FullyQualifiedErrorId | Should -Be "ServerOnlyOperation,$(Get-CmdletTypeName New-AdvancedCommerceJws)"
        $built[0].Exception.Message | Should -BeExactly $signed[0].Exception.Message
    }

    It 'completes <Parameter> from the ISO list the rules check' -ForEach @(@{ Parameter = 'Currency'; Word = 'EU'; Expected = 'EUR' }, @{ Parameter = 'Storefront'; Word = 'GB'; Expected = 'GBR' }) {
        $line = "New-AdvancedCommerceRequest CREATE_ONE_TIME_CHARGE -$Parameter $Word"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $Expected
    }

    It 'completes the in-app operations' {
        $line = 'New-AdvancedCommerceRequest CREATE_'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('CREATE_ONE_TIME_CHARGE', 'CREATE_SUBSCRIPTION')
    }

    It 'reports an invalid request as a non-terminating error naming the field' {
        $null = New-AdvancedCommerceRequest CREATE_ONE_TIME_CHARGE -Currency usd -TaxCode C -Item @{ SKU = 'B'; displayName = 'B'; description = 'B'; price = 1 } -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be "InvalidAdvancedCommerceRequest,$cmdlet"
        $errors[0].Exception.Message | Should -Match 'currency'
    }

    It 'refuses shared hashtables in New-AdvancedCommerceRequest items with RequestTooLarge' {
        $n = @{ SKU = 'S' }; foreach ($i in 1..30) { $n = @{ l = $n; r = $n } }
        $err = New-AdvancedCommerceRequest -Operation CREATE_ONE_TIME_CHARGE -Currency USD -TaxCode C003-00-2 -Storefront USA -Item $n -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -Be "RequestTooLarge,$cmdlet"
    }
}
