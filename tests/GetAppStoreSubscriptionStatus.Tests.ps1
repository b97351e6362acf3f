# Get-AppStoreSubscriptionStatus against tests/interop/server-api.mjs serving data signed by the test PKI: one object per subscription, and the status filter.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Get-AppStoreSubscriptionStatus' {
    It 'writes one object per subscription with its decoded transaction and renewal info, and sends each -Status' {
        $results = Get-AppStoreSubscriptionStatus 2000000000000040 @api -Status 1, 2
        @($results) | Should -HaveCount 2
        $results[0].PSObject.TypeNames[0] | Should -Be 'AppStoreJws.ServerApi.SubscriptionStatus'
        $results[0].subscriptionGroupIdentifier | Should -Be '21345678'
        $results[0].statusName | Should -Be 'Active'
        $results[1].statusName | Should -Be 'Expired'
        $results[0].Transaction.PSObject.TypeNames[0] | Should -Be 'AppStoreJws.SignedData.Transaction'
        $results[0].RenewalInfo.PSObject.TypeNames[0] | Should -Be 'AppStoreJws.SignedData.RenewalInfo'
        $results[1].RenewalInfo.productId | Should -Be 'com.example.extra.yearly'
        Get-QueryText (Get-SentTo $server '/inApps/v1/subscriptions/2000000000000040')[0] | Should -Be @('status=1', 'status=2')
    }

    It 'filters by status on the server' {
        @(Get-AppStoreSubscriptionStatus 2000000000000041 @api -Status 2).statusName | Should -Be @('Expired')
    }
}
