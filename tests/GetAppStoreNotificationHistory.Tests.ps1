# Get-AppStoreNotificationHistory against tests/interop/server-api.mjs serving data signed by the test PKI: paginationToken, decoded notifications and the filters it sends.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
    $script:recent = [DateTimeOffset]::UtcNow.AddDays(-2)
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Get-AppStoreNotificationHistory' {
    It 'follows paginationToken and writes each decoded notification with its send attempts' {
        $results = Get-AppStoreNotificationHistory @api -StartDate $recent -EndDate ([DateTimeOffset]::UtcNow) -NotificationType DID_RENEW -NotificationSubtype BILLING_RECOVERY
        @($results) | Should -HaveCount 6
        $results[0].PSObject.TypeNames[0] | Should -Be 'AppStoreJws.SignedData.Notification'
        $results[0].notificationType | Should -Be 'DID_RENEW'
        $results[0].data.Transaction.transactionId | Should -Be '2000000000000001'
        $results[1].sendAttempts[0].attemptDate | Should -Be $recent.AddMinutes(1).AddTicks(-($recent.Ticks % 10000))
        $results[1].sendAttempts[0].sendAttemptResult | Should -Be 'SUCCESS'
        $sent = Get-SentTo $server '/inApps/v1/notifications/history' | Select-Object -Last 3
        $sent[0].method | Should -Be 'POST'
        Get-QueryText $sent[0] | Should -Be @()
        Get-QueryText $sent[1] | Should -Be @('paginationToken=page-2')
        Get-QueryText $sent[2] | Should -Be @('paginationToken=page-3')
        $sent[2].body.startDate | Should -Be $recent.ToUnixTimeMilliseconds()
        $sent[2].body.notificationType | Should -Be 'DID_RENEW'
        $sent[2].body.notificationSubtype | Should -Be 'BILLING_RECOVERY'
    }

    It 'sends transactionId and onlyFailures, bound from the pipeline' {
        $results = [pscustomobject]@{ originalTransactionId = '2000000000000030' } |
            Get-AppStoreNotificationHistory @api -StartDate $recent -EndDate ([DateTimeOffset]::UtcNow) -OnlyFailures
        $results[0].sendAttempts[0].sendAttemptResult | Should -Be 'NO_RESPONSE'
        $sent = Get-SentTo $server '/inApps/v1/notifications/history' | Select-Object -Last 1
        $sent.body.transactionId | Should -Be '2000000000000030'
        $sent.body.onlyFailures | Should -BeTrue
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'a start more than 180 days back'; Extra = @{ StartDate = [DateTimeOffset]::UtcNow.AddDays(-181); EndDate = [DateTimeOffset]::UtcNow } }
        @{ Case = 'a subtype without its type'; Extra = @{ StartDate = [DateTimeOffset]::UtcNow.AddDays(-1); EndDate = [DateTimeOffset]::UtcNow; NotificationSubtype = 'BILLING_RECOVERY' } }
        @{ Case = 'a type and a transaction ID'; Extra = @{ StartDate = [DateTimeOffset]::UtcNow.AddDays(-1); EndDate = [DateTimeOffset]::UtcNow; NotificationType = 'DID_RENEW'; TransactionId = '1' } }
    ) {
        $before = @(Get-ServerRequests $server).Count
        { Get-AppStoreNotificationHistory @api @Extra } | Should -Throw -ErrorId 'InvalidNotificationHistoryFilter,*'
        @(Get-ServerRequests $server).Count | Should -Be $before
    }
}
