# Send-AppStoreTestNotification against tests/interop/server-api.mjs: the token it returns, -Wait and -WhatIf.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
    $script:otherChain = New-TestAppleChain -Name 'Someone Else'
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Send-AppStoreTestNotification' {
    It 'Send-AppStoreTestNotification -Wait polls the status until Apple reports an attempt, then writes the verified notification' {
        $result = Send-AppStoreTestNotification @api -Wait -PollIntervalMilliseconds 100 -Confirm:$false -Verbose 4>$null
        $result.notificationType | Should -Be 'TEST'
        $result.sendAttempts[0].sendAttemptResult | Should -Be 'SUCCESS'
        $result.sendAttempts[0].attemptDate | Should -BeOfType [DateTimeOffset]
        $statusRequests = @((Get-ServerRequests $server) | Where-Object path -Like '/inApps/v1/notifications/test/*')
        $statusRequests.Count | Should -BeGreaterOrEqual 2
    }

    It '-WhatIf sends nothing, -Wait or not' {
        $before = @(Get-ServerRequests $server).Count
        Invoke-WithoutHost { Send-AppStoreTestNotification @api -Wait -WhatIf } @{ api = $api } | Should -BeNullOrEmpty
        @(Get-ServerRequests $server).Count | Should -Be $before
    }
}

# The App Store Server API cmdlets against tests/interop/server-api.mjs, a loopback server that checks the
# bearer token the way Apple does and answers Apple's documented shapes, error bodies and rate limits.
Describe 'The cmdlets that change things at Apple' {
    BeforeAll {
        $pem = New-TestKeyPem
        $key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app

        Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
        $chain = New-TestAppleChain
        $otherChain = New-TestAppleChain -Name 'Someone Else'
        $signed = @{
            '2000000000000500' = New-TestSignedData -Chain $chain -Payload (New-TestTransactionPayload -Environment Production -Change @{ transactionId = '2000000000000500'; appAppleId = 1234567890 })
            '2000000000000501' = New-TestSignedData -Chain $otherChain -Payload (New-TestTransactionPayload -Environment Production -Change @{ transactionId = '2000000000000501'; appAppleId = 1234567890 })
        }
        $server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -SignedTransactions $signed
        $api = @{ Key = $key; BaseUri = $server.BaseUri }
    }

    AfterAll {
        Stop-TestServerApi $server
    }

    It 'Send-AppStoreTestNotification returns the testNotificationToken' {
        (Send-AppStoreTestNotification @api -Confirm:$false).testNotificationToken | Should -Be 'ce3af791-365e-4c60-841b-1674b43c1609_1698148900000'
    }
}
