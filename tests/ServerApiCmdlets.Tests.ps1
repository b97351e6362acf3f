# The typed App Store Server API cmdlets (history, refunds, statuses, orders, app transactions, notifications,
# consumption) against tests/interop/server-api.mjs serving data signed by the test PKI: paging, verification of
# every signed field, Apple's errors, retries, -FallbackToSandbox, -ThrottleLimit and ShouldProcess.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPki.psm1') -Force
    $script:key = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:chain = New-TestAppleChain
    $script:otherChain = New-TestAppleChain -Name 'Someone Else'
    $script:server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain
    $script:api = @{ Key = $key; BaseUri = $server.BaseUri; TrustedRoot = $chain.Root; AppAppleId = 1234567890 }
    $script:recent = [DateTimeOffset]::UtcNow.AddDays(-2)

    function Get-SentTo {
        param([string] $Path)
        @((Get-ServerRequests $server) | Where-Object path -EQ $Path)
    }

    function Get-QueryText {
        param($Request)
        @($Request.query | ForEach-Object { $_ -join '=' })
    }
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Get-AppStoreTransactionHistory' {
    It 'streams every transaction of every page, asking with the revision of the page before and the same filters' {
        $start = [DateTimeOffset]::FromUnixTimeMilliseconds(1698148900000)
        $end = [DateTimeOffset]::FromUnixTimeMilliseconds(1700000000000)
        $results = Get-AppStoreTransactionHistory 2000000000000010 @api -StartDate $start -EndDate $end -ProductId com.example.a, com.example.b `
            -ProductType auto_renewable, CONSUMABLE -Sort Descending -SubscriptionGroupIdentifier 21345678 -InAppOwnershipType PURCHASED -Revoked $false
        @($results).transactionId | Should -Be @(0..5 | ForEach-Object { "2000000000000010-$_" })
        $results[0].PSObject.TypeNames[0] | Should -Be 'AppStoreJws.SignedData.Transaction'
        $results[0].purchaseDate | Should -BeOfType [DateTimeOffset]
        $sent = Get-SentTo '/inApps/v2/history/2000000000000010'
        $sent | Should -HaveCount 3
        $filters = @('startDate=1698148900000', 'endDate=1700000000000', 'productId=com.example.a', 'productId=com.example.b', 'productType=AUTO_RENEWABLE',
            'productType=CONSUMABLE', 'sort=DESCENDING', 'subscriptionGroupIdentifier=21345678', 'inAppOwnershipType=PURCHASED', 'revoked=false')
        Get-QueryText $sent[0] | Should -Be $filters
        Get-QueryText $sent[1] | Should -Be (@('revision=rev-1') + $filters)
        Get-QueryText $sent[2] | Should -Be (@('revision=rev-2') + $filters)
    }

    It '-First stops after that many transactions and asks for no further page' {
        $results = Get-AppStoreTransactionHistory 2000000000000011 @api -First 3
        @($results) | Should -HaveCount 3
        Get-SentTo '/inApps/v2/history/2000000000000011' | Should -HaveCount 2
    }

    It 'writes each transaction as its page arrives (streaming)' {
        # Select-Object -First 1 stops the pipeline after the first object: only the first page was asked for.
        $first = Get-AppStoreTransactionHistory 2000000000000012 @api | Select-Object -First 1
        $first.transactionId | Should -Be '2000000000000012-0'
        Get-SentTo '/inApps/v2/history/2000000000000012' | Should -HaveCount 1
    }

    It 'reports a transaction that does not verify and still writes the others' {
        $results = Get-AppStoreTransactionHistory 9000000000001666 @api -ErrorVariable failures -ErrorAction SilentlyContinue
        @($results) | Should -HaveCount 5
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidSignature*'
    }

    It 'waits Retry-After when a later page is rate limited, then goes on' {
        $results = Get-AppStoreTransactionHistory 9000000000001429 @api -Verbose 4>&1
        $verbose = @($results | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose[0].Message | Should -Match 'RateLimitExceeded \(HTTP 429\); waiting 1 s as Retry-After asks'
        @($results | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 6
    }

    It 'stops with an error when a page says hasMore without a new revision' {
        $null = Get-AppStoreTransactionHistory 9000000000001999 @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MalformedServerApiResponse,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        (Get-SentTo '/inApps/v2/history/9000000000001999').Count | Should -Be 2
    }

    It 'reports Apple''s error for that input and goes on with the next' {
        $rows = "originalTransactionId`n4040010`n2000000000000013" | ConvertFrom-Csv
        $results = $rows | Get-AppStoreTransactionHistory @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotFound,*'
        $failures[0].TargetObject | Should -Be '4040010'
        @($results) | Should -HaveCount 6
    }

    It 'refuses a start after the end before sending anything' {
        { Get-AppStoreTransactionHistory 1 @api -StartDate ([DateTimeOffset]::UtcNow) -EndDate ([DateTimeOffset]::UtcNow.AddDays(-1)) } |
            Should -Throw -ErrorId 'StartDateAfterEndDate,*'
    }

    It 'verifies against the trusted root: another chain is refused' {
        $null = Get-AppStoreTransactionHistory 2000000000000014 -Key $key -BaseUri $server.BaseUri -TrustedRoot $otherChain.Root -AppAppleId 1234567890 -First 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidChain*'
    }
}

Describe 'Get-AppStoreRefundHistory' {
    It 'pages through every refund with revision' {
        $results = [pscustomobject]@{ transaction_id = '2000000000000020' } | Get-AppStoreRefundHistory @api
        @($results).transactionId | Should -Be @('2000000000000020-refund-0', '2000000000000020-refund-1')
        $results[0].revocationDate | Should -BeOfType [DateTimeOffset]
        $sent = Get-SentTo '/inApps/v2/refund/lookup/2000000000000020'
        Get-QueryText $sent[1] | Should -Be @('revision=refund-2')
    }
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
        $sent = Get-SentTo '/inApps/v1/notifications/history' | Select-Object -Last 3
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
        $sent = Get-SentTo '/inApps/v1/notifications/history' | Select-Object -Last 1
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
        Get-QueryText (Get-SentTo '/inApps/v1/subscriptions/2000000000000040')[0] | Should -Be @('status=1', 'status=2')
    }

    It 'filters by status on the server' {
        @(Get-AppStoreSubscriptionStatus 2000000000000041 @api -Status 2).statusName | Should -Be @('Expired')
    }
}

Describe 'Get-AppStoreOrder and Get-AppStoreAppTransaction' {
    It 'Get-AppStoreOrder writes each verified transaction of a valid order' {
        $results = [pscustomobject]@{ order_id = 'MQ7Y9ZZ2G1' } | Get-AppStoreOrder @api
        @($results).productId | Should -Be @('com.example.item0', 'com.example.item1')
    }

    It 'Get-AppStoreOrder reports InvalidOrderId for an order Apple calls invalid' {
        $results = Get-AppStoreOrder invalid-order @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $results | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidOrderId,*'
        $failures[0].TargetObject | Should -Be 'invalid-order'
    }

    It 'Get-AppStoreAppTransaction binds appTransactionId and returns the decoded app transaction' {
        $result = [pscustomobject]@{ appTransactionId = '704289572311355393' } | Get-AppStoreAppTransaction @api
        $result.PSObject.TypeNames[0] | Should -Be 'AppStoreJws.SignedData.AppTransaction'
        $result.appTransactionId | Should -Be '704289572311355393'
        $result.originalPurchaseDate | Should -BeOfType [DateTimeOffset]
        (Get-SentTo '/inApps/v1/transactions/appTransactions/704289572311355393') | Should -HaveCount 1
    }
}

Describe '-FallbackToSandbox' {
    It 'asks the sandbox after production''s TransactionIdNotFound and verifies the answer as sandbox data, saying so' {
        $output = Get-AppStoreTransaction 9100000000000001 @api -FallbackToSandbox -SandboxBaseUri "$($server.BaseUri)/sandbox" -Verbose 4>&1
        $result = $output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $result.environment | Should -Be 'Sandbox'
        ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Match 'asking the sandbox'
        Get-SentTo '/sandbox/inApps/v1/transactions/9100000000000001' | Should -HaveCount 1
    }

    It 'pages the whole history in the sandbox once the first page came from there' {
        $results = Get-AppStoreTransactionHistory 9100000000000003 @api -FallbackToSandbox -SandboxBaseUri "$($server.BaseUri)/sandbox"
        @($results).environment | Sort-Object -Unique | Should -Be 'Sandbox'
        Get-SentTo '/sandbox/inApps/v2/history/9100000000000003' | Should -HaveCount 3
        Get-SentTo '/inApps/v2/history/9100000000000003' | Should -HaveCount 1
    }

    It 'is opt-in: without it the error says the transaction may be a sandbox one' {
        $null = Get-AppStoreTransaction 9100000000000002 @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotFound,*'
        $failures[0].Exception.Message | Should -Match 'FallbackToSandbox'
        Get-SentTo '/sandbox/inApps/v1/transactions/9100000000000002' | Should -HaveCount 0
    }

    It 'needs -SandboxBaseUri with -BaseUri' {
        { Get-AppStoreTransaction 1 @api -FallbackToSandbox } | Should -Throw -ErrorId 'SandboxBaseUriMissing,*'
    }
}

Describe '-ThrottleLimit' {
    It 'keeps several lookups in flight and writes them in input order, errors in their place' {
        $slowServer = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Chain $chain -LatencyMs 200 -NoRecord
        try {
            $ids = @(1..24 | ForEach-Object { '2000000000001{0:000}' -f $_ })
            $ids[12] = '4040010'
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $results = $ids | Get-AppStoreTransaction -Key $key -BaseUri $slowServer.BaseUri -TrustedRoot $chain.Root -AppAppleId 1234567890 -ThrottleLimit 8 -ErrorVariable failures -ErrorAction SilentlyContinue
            $watch.Stop()
            @($results).transactionId | Should -Be @($ids | Where-Object { $_ -ne '4040010' })
            $failures | Should -HaveCount 1
            $failures[0].TargetObject | Should -Be '4040010'
            # One after another this is 24 x 200 ms = 4.8 s; 8 in flight (after 8 inline) needs about 8 x 0.2 + 2 x 0.2 s.
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 3.5
        }
        finally {
            Stop-TestServerApi $slowServer
        }
    }

    It 'shows a worker''s retry wait as a verbose line and keeps the order' {
        $ids = '2000000000002001', '9000000000000429', '2000000000002002', '2000000000002003'
        $output = $ids | Get-AppStoreTransaction @api -ThrottleLimit 4 -Verbose 4>&1
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose | Should -HaveCount 1
        $verbose[0].Message | Should -Match '9000000000000429: RateLimitExceeded \(HTTP 429\); waiting 1 s as Retry-After asks'
        @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).transactionId | Should -Be $ids
    }

    It 'applies to the subscription status, order and app transaction lookups too' {
        foreach ($name in 'Get-AppStoreTransaction', 'Get-AppStoreSubscriptionStatus', 'Get-AppStoreOrder', 'Get-AppStoreAppTransaction') {
            (Get-Command $name).Parameters.Keys | Should -Contain 'ThrottleLimit'
        }
        $results = 1..12 | ForEach-Object { "order-$_" } | Get-AppStoreOrder @api -ThrottleLimit 4
        @($results).transactionId | Should -Be @(1..12 | ForEach-Object { "order-$_-0"; "order-$_-1" })
    }
}

Describe 'Test notifications' {
    It 'Send-AppStoreTestNotification -Wait polls the status until Apple reports an attempt, then writes the verified notification' {
        $result = Send-AppStoreTestNotification @api -Wait -PollIntervalMilliseconds 100 -Confirm:$false -Verbose 4>$null
        $result.notificationType | Should -Be 'TEST'
        $result.sendAttempts[0].sendAttemptResult | Should -Be 'SUCCESS'
        $result.sendAttempts[0].attemptDate | Should -BeOfType [DateTimeOffset]
        $statusRequests = @((Get-ServerRequests $server) | Where-Object path -Like '/inApps/v1/notifications/test/*')
        $statusRequests.Count | Should -BeGreaterOrEqual 2
    }

    It 'Get-AppStoreTestNotificationStatus binds the token from Send-AppStoreTestNotification' {
        $sent = Send-AppStoreTestNotification @api -Confirm:$false
        $null = $sent | Get-AppStoreTestNotificationStatus @api -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TestNotificationNotFound,*'
        ($sent | Get-AppStoreTestNotificationStatus @api).notificationType | Should -Be 'TEST'
    }

    It '-WhatIf sends nothing, -Wait or not' {
        $before = @(Get-ServerRequests $server).Count
        Invoke-WithoutHost { Send-AppStoreTestNotification @api -Wait -WhatIf } @{ api = $api } | Should -BeNullOrEmpty
        @(Get-ServerRequests $server).Count | Should -Be $before
    }
}

Describe 'Send-AppStoreConsumptionInfo' {
    It 'PUTs the v2 body, bound from CSV rows' {
        $rows = "transactionId,customerConsented,deliveryStatus,sampleContentProvided,consumptionPercentage,refundPreference`n2000000000000050,true,delivered,false,25000,GRANT_PRORATED" | ConvertFrom-Csv
        $rows | ForEach-Object { $_.customerConsented = [bool]::Parse($_.customerConsented); $_.sampleContentProvided = [bool]::Parse($_.sampleContentProvided); $_ } |
            Send-AppStoreConsumptionInfo -Key $key -BaseUri $server.BaseUri -Confirm:$false
        $sent = Get-SentTo '/inApps/v2/transactions/consumption/2000000000000050'
        $sent | Should -HaveCount 1
        $sent[0].method | Should -Be 'PUT'
        $sent[0].body.customerConsented | Should -BeTrue
        $sent[0].body.deliveryStatus | Should -Be 'DELIVERED'
        $sent[0].body.sampleContentProvided | Should -BeFalse
        $sent[0].body.consumptionPercentage | Should -Be 25000
        $sent[0].body.refundPreference | Should -Be 'GRANT_PRORATED'
    }

    It 'leaves out what was not given' {
        Send-AppStoreConsumptionInfo -Key $key -BaseUri $server.BaseUri -TransactionId 2000000000000051 -CustomerConsented $true -DeliveryStatus UNDELIVERED_OTHER -SampleContentProvided $true -Confirm:$false
        $body = (Get-SentTo '/inApps/v2/transactions/consumption/2000000000000051')[0].body
        $body.PSObject.Properties.Name | Should -Be @('customerConsented', 'deliveryStatus', 'sampleContentProvided')
    }

    It '-WhatIf sends nothing' {
        Invoke-WithoutHost { Send-AppStoreConsumptionInfo -Key $key -BaseUri $uri -TransactionId 2000000000000052 -CustomerConsented $true -DeliveryStatus DELIVERED -SampleContentProvided $false -WhatIf } @{ key = $key; uri = $server.BaseUri } | Should -BeNullOrEmpty
        Get-SentTo '/inApps/v2/transactions/consumption/2000000000000052' | Should -HaveCount 0
    }

    It 'reports Apple''s refusal for that row and is not retried' {
        Send-AppStoreConsumptionInfo -Key $key -BaseUri $server.BaseUri -TransactionId 2000000000000053 -CustomerConsented $false -DeliveryStatus DELIVERED -SampleContentProvided $false -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCustomerConsented,*'
        $failures[0].Exception.StatusCode | Should -Be 400
        Get-SentTo '/inApps/v2/transactions/consumption/2000000000000053' | Should -HaveCount 1
    }
}

Describe 'The test server checks the bearer token of the new endpoints too' {
    It 'answers 401 to a token signed by another key, for <_>' -ForEach @('Get-AppStoreTransactionHistory', 'Get-AppStoreSubscriptionStatus', 'Get-AppStoreAppTransaction') {
        $otherKey = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
        $null = & $_ 2000000000000060 -Key $otherKey -BaseUri $server.BaseUri -TrustedRoot $chain.Root -AppAppleId 1234567890 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Unauthorized,*'
        $failures[0].Exception.StatusCode | Should -Be 401
    }

    It 'sends a fresh token for each page' {
        # ECDSA signatures are randomised: a token made again differs even within the same second.
        $null = Get-AppStoreTransactionHistory 2000000000000061 @api
        $signatures = @((Get-SentTo '/inApps/v2/history/2000000000000061').tokenSignature)
        $signatures | Should -HaveCount 3
        @($signatures | Sort-Object -Unique) | Should -HaveCount 3
    }
}

Describe 'Transactions as a table' {
    It 'the default view shows product, type, purchase date, price, currency and revocation' {
        $result = Get-AppStoreTransaction 2000000000000070 @api
        $text = $result | Out-String -Width 250
        $header = ($text -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1)
        $header | Should -Match '^\s*productId\s+type\s+purchaseDate\s+price\s+currency\s+revocationDate\s*$'
        $text | Should -Match 'com\.example\.premium\.monthly\s+Auto-Renewable Subscription'
    }
}
