# Update-AppStoreSubscriptionRenewalDate against tests/interop/server-api.mjs: one subscriber's extension, the mass
# extension (high impact, asked for unless -Force) and -WhatIf.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.TestSetup.ps1')
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Update-AppStoreSubscriptionRenewalDate' {
    It 'Update-AppStoreSubscriptionRenewalDate sends a fresh requestIdentifier and returns dates as DateTimeOffset' {
        $result = Update-AppStoreSubscriptionRenewalDate @api -OriginalTransactionId 2000000000000202 -ExtendByDays 3 -ReasonCode 1 -Confirm:$false
        $sent = (Get-ServerRequests $server) | Where-Object path -EQ '/inApps/v1/subscriptions/extend/2000000000000202'
        $sent.body.extendByDays | Should -Be 3
        $sent.body.extendReasonCode | Should -Be 1
        [guid]::Parse($sent.body.requestIdentifier) | Should -Not -Be ([guid]::Empty)
        $result.requestIdentifier | Should -Be $sent.body.requestIdentifier
        $result.effectiveDate | Should -BeOfType [DateTimeOffset]
        $result.effectiveDate.ToUnixTimeMilliseconds() | Should -Be (1700000000000 + 3 * 86400000)
    }

    It 'Update-AppStoreSubscriptionRenewalDate -WhatIf sends nothing, for one subscriber and for all' {
        $before = @(Get-ServerRequests $server).Count
        Invoke-WithoutHost {
            Update-AppStoreSubscriptionRenewalDate @api -OriginalTransactionId 2000000000000303 -ExtendByDays 3 -ReasonCode 1 -WhatIf
            Update-AppStoreSubscriptionRenewalDate @api -AllActiveSubscribers -ProductId com.example.monthly -ExtendByDays 3 -ReasonCode 3 -WhatIf
        } @{ api = $api } | Should -BeNullOrEmpty
        @(Get-ServerRequests $server).Count | Should -Be $before
    }

    It 'the mass extension is high impact: it asks unless -Force' {
        $command = Get-Command Update-AppStoreSubscriptionRenewalDate
        $command.Parameters.Keys | Should -Contain 'Force'
        $run = Invoke-ChildPwsh -Script @"
Import-Module '$env:APPSTOREJWS_MODULE'
`$key = Get-AppStoreKey -Content @'
$pem
'@ -KeyId 2X9R4HXF34 -IssuerId $(Get-TestIssuerId) -BundleId com.example.app
try { Update-AppStoreSubscriptionRenewalDate -Key `$key -BaseUri $($server.BaseUri) -AllActiveSubscribers -ProductId com.example.asked -ExtendByDays 3 -ReasonCode 3 -Confirm:`$false -ErrorAction Stop; 'sent' } catch { 'refused' }
"@
        $run | Should -Contain 'refused'
        @((Get-ServerRequests $server) | Where-Object { $_.body.productId -eq 'com.example.asked' }).Count | Should -Be 0
    }

    It 'the mass extension with -Force sends productId, storefronts and a requestIdentifier; its status comes back with dates' {
        $result = Update-AppStoreSubscriptionRenewalDate @api -AllActiveSubscribers -ProductId com.example.monthly -StorefrontCountryCode USA, FRA -ExtendByDays 5 -ReasonCode 3 -Force -Confirm:$false
        $sent = (Get-ServerRequests $server) | Where-Object path -EQ '/inApps/v1/subscriptions/extend/mass' | Select-Object -Last 1
        $sent.method | Should -Be 'POST'
        $sent.body.productId | Should -Be 'com.example.monthly'
        $sent.body.storefrontCountryCodes | Should -Be @('USA', 'FRA')
        $sent.body.extendByDays | Should -Be 5
        $result.requestIdentifier | Should -Be $sent.body.requestIdentifier
        $status = $result | Get-AppStoreRenewalExtensionStatus @api -ProductId com.example.monthly
        $status.complete | Should -BeTrue
        $status.completeDate | Should -Be ([DateTimeOffset]::FromUnixTimeMilliseconds(1698148900000))
        $status.succeededCount | Should -Be 30
    }
}
