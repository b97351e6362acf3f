# Get-AppStoreTransactionHistory against tests/interop/server-api.mjs serving data signed by the test PKI: paging with revision and the same filters, streaming, verification of every
# transaction, Apple's errors and retries.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
    $script:otherChain = New-TestAppleChain -Name 'Someone Else'
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
        $sent = Get-SentTo $server '/inApps/v2/history/2000000000000010'
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
        Get-SentTo $server '/inApps/v2/history/2000000000000011' | Should -HaveCount 2
    }

    It 'writes each transaction as its page arrives (streaming)' {
        # Select-Object -First 1 stops the pipeline after the first object: only the first page was asked for.
        $first = Get-AppStoreTransactionHistory 2000000000000012 @api | Select-Object -First 1
        $first.transactionId | Should -Be '2000000000000012-0'
        Get-SentTo $server '/inApps/v2/history/2000000000000012' | Should -HaveCount 1
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
        (Get-SentTo $server '/inApps/v2/history/9000000000001999').Count | Should -Be 2
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
